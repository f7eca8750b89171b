package io.captionrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.PackagedJar.Run;
import io.captionrelay.testing.Shell;
import io.captionrelay.testing.TestImages;
import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as the README says, in batch mode on the embedded default. */
class BatchModeIT {

    @TempDir
    Path work;

    @Test
    void should_describe_the_inbox_print_a_summary_and_exit_non_zero_when_something_failed() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        for (int i = 0; i < 3; i++) {
            write("inbox/photos/p" + i + ".jpg", TestImages.uniqueJpeg(i, 200, 150));
        }
        write("inbox/broken.png", "not a picture".getBytes(StandardCharsets.UTF_8));

        Run first = runBatch();
        assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
        assertThat(first.output()).contains("described 3, skipped as already done 0, failed 1,");
        assertThat(work.resolve("inbox/.done/photos/p0.jpg")).exists();
        assertThat(work.resolve("outbox/photos/p2.jpg.local.json")).exists();
        assertThat(work.resolve("inbox/.failed/broken.png.error.json")).exists();
        assertThat(work.resolve("data")).isDirectory();

        // The same pictures again under new names: nothing is described twice.
        for (int i = 0; i < 3; i++) {
            write("inbox/again/q" + i + ".jpg", TestImages.uniqueJpeg(i, 200, 150));
        }
        Run second = runBatch();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("described 0, skipped as already done 3, failed 0,");
        assertThat(work.resolve("outbox/again/q1.jpg.local.json")).exists();
    }

    @Test
    void should_describe_one_file_from_the_terminal_without_touching_the_inbox() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        write("photo.jpg", TestImages.jpeg(300, 200, java.awt.Color.RED));
        write("inbox/waiting.jpg", TestImages.uniqueJpeg(9, 50, 50));

        Run run = run("describe", "--provider", "local", "photo.jpg");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("\"provider\" : \"local\"").contains("\"source\" : \"file:photo.jpg\"")
                .contains("red");
        assertThat(work.resolve("inbox/waiting.jpg")).exists();
        assertThat(work.resolve("outbox")).doesNotExist();
    }

    @Test
    void should_refuse_a_bad_file_from_the_terminal_with_its_reason() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        write("notes.jpg", "hello".getBytes(StandardCharsets.UTF_8));

        Run run = run("describe", "--provider", "local", "notes.jpg");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("bad-input: not an image");
    }

    @Test
    void should_take_keys_from_a_config_file_and_let_environment_variables_override_them() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        write("elsewhere/c.jpg", TestImages.uniqueJpeg(42, 60, 40));
        Files.writeString(work.resolve("my.properties"), "relay.inbox.dir = elsewhere\nrelay.outbox.dir = from-file\n");

        Path log = work.resolve("config.log");
        ProcessBuilder command = PackagedJar.command(work, "--batch", "--config", "my.properties").redirectOutput(log.toFile());
        command.environment().put("RELAY_OUTBOX_DIR", "from-environment");
        Process process = command.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        assertThat(work.resolve("elsewhere/.done/c.jpg")).exists();
        assertThat(work.resolve("from-environment/c.jpg.local.json")).exists();
        assertThat(work.resolve("from-file")).doesNotExist();
    }

    @Test
    void should_print_usage_for_help() throws Exception {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--batch").contains("--config");
    }

    @Test
    void should_finish_a_batch_with_a_named_pipe_and_a_link_to_dev_zero_refused_with_their_reasons() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        write("inbox/good.jpg", TestImages.uniqueJpeg(1, 80, 60));
        Shell.run("mkfifo \"$1\"", work.resolve("inbox/pipe.jpg").toString());
        Files.createSymbolicLink(work.resolve("inbox/zero.jpg"), Path.of("/dev/zero"));

        Run run = runBatch(); // before: a worker blocked for ever in open() on the pipe

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("described 1, skipped as already done 0, failed 2,");
        assertThat(work.resolve("inbox/.done/good.jpg")).exists();
        assertThat(reason("inbox/.failed/pipe.jpg")).isEqualTo("not a regular file: a named pipe");
        assertThat(reason("inbox/.failed/zero.jpg")).isEqualTo("not a regular file: a symbolic link");
    }

    @Test
    void should_escape_a_newline_in_a_file_name_in_the_log() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        String forged = "12:00:00.000 INFO  [main] i.c.p.BatchRun - all images described, nothing failed";
        write("inbox/x\n" + forged + "\n.jpg", "not a picture".getBytes(StandardCharsets.UTF_8));

        Run run = runBatch();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("Failed file:x\\n" + forged + "\\n.jpg: bad-input");
        assertThat(run.output().lines()).noneMatch(line -> line.startsWith(forged));
    }

    private String reason(String image) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(work.resolve(image + ".error.json").toFile())
                .path("reason").asText();
    }

    private Run runBatch() throws Exception {
        return run("--batch");
    }

    private Run run(String... args) throws Exception {
        return PackagedJar.runToEnd(work, PackagedJar.command(work, args), Duration.ofMinutes(3));
    }

    private void write(String relative, byte[] bytes) throws IOException {
        Path target = work.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        target.toFile().setLastModified(System.currentTimeMillis() - 10_000);
    }

}
