package io.captionrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as picocli runs them, with their output captured: help, usage errors and start-up failures. */
class CommandLineTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = RelayCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void should_list_the_commands_options_and_exit_codes_in_the_help() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run ", "describe ", "config ", "--batch", "--config=FILE", "--version",
                "64   wrong command line", "78   the configuration is wrong");
    }

    @Test
    void should_give_each_command_its_own_help() {
        assertThat(run("describe", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: captionrelay describe", "--provider=NAME", "IMAGE",
                "one of: local, imagedescriber,", "imagedescriber-tags, imaginepro");
        assertThat(run("config", "check", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: captionrelay config check", "--config=FILE");
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: captionrelay run", "--batch");
    }

    @Test
    void should_print_the_version() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("CaptionRelay ").contains("Apache Camel 4.");
    }

    @Test
    void should_answer_a_misspelt_option_with_one_sentence_a_suggestion_and_exit_code_64() {
        assertThat(run("--bach")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--bach'", "--batch", "Try 'captionrelay --help'.")
                .doesNotContain("Usage:").doesNotContain("\tat ");
    }

    @Test
    void should_refuse_a_config_file_that_is_not_there_for_every_command() {
        String missing = tmp.resolve("nope.properties").toString();
        assertThat(run("--batch", "--config", missing)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("run", "--config", missing)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("config", "check", "--config", missing)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("describe", "--provider", "local", "--config", missing, "x.jpg")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().filter(l -> l.startsWith("--config ")))
                .hasSize(4).allMatch(l -> l.equals("--config " + missing + ": no readable properties file there"));
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void should_refuse_an_unknown_provider_or_image_in_describe_before_starting_anything() throws Exception {
        Path image = Files.write(tmp.resolve("a.jpg"), new byte[] {1, 2, 3});
        assertThat(run("describe", "--provider", "gpt5", image.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("describe", "--provider", "local", tmp.resolve("b.jpg").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("describe", image.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown provider 'gpt5'; known: local, imagedescriber,")
                .contains("b.jpg: no readable image file there")
                .contains("Missing required option: '--provider=NAME'");
    }

    @Test
    void should_ask_for_a_config_sub_command() {
        assertThat(run("config")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required subcommand");
    }

    @Test
    void should_stop_with_one_sentence_and_exit_code_78_when_a_sink_has_no_route() throws Exception {
        Path config = config("relay.sinks = file,kafak\n");
        assertThat(run("--batch", "--config", config.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString().strip()).isEqualTo("CaptionRelay did not start: relay.sinks names 'kafak' but no route"
                + " in routes/ reads direct:sink-kafak; sinks available: embedded-copy, file, jdbc, jms, kafka, s3, xmp-sidecar");
    }

    @Test
    void should_stop_with_one_sentence_and_exit_code_78_for_an_unknown_provider_or_a_bad_quota() throws Exception {
        assertThat(run("run", "--batch", "--config", config("relay.providers = local,gpt5\n").toString()))
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(run("--batch", "--config", config("relay.providers = openai\nrelay.provider.openai.model = m\n"
                + "relay.provider.openai.quota = 5 a minute\n").toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString().lines()).containsExactly(
                "CaptionRelay did not start: unknown provider 'gpt5' in relay.providers; known: [local, imagedescriber,"
                        + " imagedescriber-tags, imaginepro, apiverve, memories, openai]",
                "CaptionRelay did not start: relay.provider.openai.quota: a quota is written like 5/1m or 300/1h,"
                        + " not '5 a minute'");
    }

    @Test
    void should_stop_with_exit_code_78_when_the_inbox_is_not_a_folder() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("inbox"), "a file");
        assertThat(run("--batch", "--config", config("relay.inbox.dir = " + notAFolder + "\n").toString()))
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString().strip())
                .isEqualTo("CaptionRelay did not start: relay.inbox.dir (" + notAFolder + ") is not a readable folder");
    }

    @Test
    void should_pass_the_batch_exit_code_on() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inbox.resolve("broken.png"), "not a picture");
        Files.setLastModifiedTime(inbox.resolve("broken.png"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(run("run", "--batch", "--config", config("relay.inbox.dir = " + inbox + "\nrelay.inbox.min-age = 0\n")
                .toString())).isEqualTo(1);
        assertThat(inbox.resolve(".failed/broken.png")).exists();
    }

    /** A config file on temporary folders, with {@code keys} over it. */
    private Path config(String keys) throws Exception {
        String base = "relay.inbox.dir = " + tmp.resolve("inbox-dir") + "\n"
                + "relay.outbox.dir = " + tmp.resolve("outbox") + "\n"
                + "relay.db.url = jdbc:h2:file:" + tmp.resolve("data/captionrelay").toAbsolutePath() + "\n"
                + "camel.management.port = 0\n";
        return Files.writeString(Files.createTempFile(tmp, "relay", ".properties"), base + keys);
    }
}
