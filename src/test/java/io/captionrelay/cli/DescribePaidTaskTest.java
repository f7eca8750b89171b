package io.captionrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.testing.LogRecorder;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code describe} with a paid task keeps the database for its spend, and nothing of the pipeline. */
class DescribePaidTaskTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void should_record_each_paid_call_and_call_the_provider_every_time_with_no_pipeline_or_ledger() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("data/captionrelay").toAbsolutePath();
        try (PaidProviderStub stub = new PaidProviderStub(0, 0); LogRecorder log = new LogRecorder(QuietStart.class.getName())) {
            StringBuilder keys = new StringBuilder("relay.db.url = " + url + "\nrelay.db.paid-answers.dir = "
                    + tmp.resolve("data/paid-answers") + "\ncamel.management.port = 0\n");
            stub.settings().forEach((key, value) -> keys.append(key).append(" = ").append(value).append('\n'));
            Path config = Files.writeString(tmp.resolve("relay.properties"), keys);
            Path image = Files.write(tmp.resolve("a.jpg"), TestImages.uniqueJpeg(3, 64, 48));

            for (int i = 0; i < 2; i++) {
                assertThat(run("describe", "--provider", "imagedescriber", "--config", config.toString(), image.toString()))
                        .as(err.toString()).isZero();
            }

            assertThat(stub.calls()).hasSize(2);
            String line = log.lines().stream().filter(l -> l.startsWith("CaptionRelay describe:")).findFirst().orElseThrow();
            assertThat(line).startsWith("CaptionRelay describe: providers imagedescriber, sinks none, database open,"
                    + " management server off, routes: ");
            assertThat(line.substring(line.indexOf("routes: "))).contains("imagedescriber")
                    .doesNotContain("pipeline-", "ledger-", "sink-", "source-");
        }
        assertThat(out.toString()).contains("\"provider\" : \"imagedescriber\"");
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM relay_paid_call WHERE task = 'imagedescriber'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    private int run(String... args) {
        CommandLine command = RelayCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
