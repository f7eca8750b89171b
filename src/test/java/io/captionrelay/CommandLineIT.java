package io.captionrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.PackagedJar.Run;
import io.captionrelay.testing.TestImages;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the packaged jar: help, version, config check, and how configuration errors come out. */
class CommandLineIT {

    @TempDir
    Path work;

    @Test
    void should_print_the_maven_project_version() throws Exception {
        Run run = run(Map.of(), "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).startsWith("CaptionRelay " + projectVersion() + "\nApache Camel 4.18.0, Java 17");
    }

    @Test
    void should_print_help_for_the_jar_and_for_each_command() throws Exception {
        Run help = run(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("Usage: captionrelay [-hV] [--batch] [--config=FILE] [COMMAND]",
                "describe", "config", "78   the configuration is wrong");

        Run describeHelp = run(Map.of(), "describe", "--help");
        assertThat(describeHelp.exitCode()).isZero();
        assertThat(describeHelp.output()).contains("Usage: captionrelay describe", "--provider=NAME", "IMAGE");
    }

    @Test
    void should_name_a_misspelt_key_with_the_nearest_known_one() throws Exception {
        Files.writeString(work.resolve("my.properties"), "relay.inbox.dirr = photos\n");

        Run run = run(Map.of(), "config", "check", "--config", "my.properties");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(78);
        assertThat(run.output()).contains("relay.inbox.dirr is unknown; did you mean relay.inbox.dir? (my.properties)")
                .contains("relay.inbox.dir = inbox\n");
    }

    @Test
    void should_mask_secrets_from_the_environment_and_the_config_file() throws Exception {
        Files.writeString(work.resolve("my.properties"), "relay.db.password = canary-db-3e1d\n");

        Run run = run(Map.of("RELAY_PROVIDER_OPENAI_API_KEY", "canary-key-9b7c"), "config", "check", "--config", "my.properties");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("canary")
                .contains("relay.provider.openai.api-key = ****    # environment RELAY_PROVIDER_OPENAI_API_KEY")
                .contains("relay.db.password = ****    # my.properties");
    }

    @Test
    void should_refuse_a_missing_config_file_in_one_sentence() throws Exception {
        Run run = run(Map.of(), "--batch", "--config", "missing.properties");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.output().lines()).containsExactly("--config missing.properties: no readable properties file there",
                "Try 'captionrelay --help'.");
    }

    @Test
    void should_stop_with_one_sentence_and_exit_78_on_a_configuration_error_with_logs_in_json_when_asked()
            throws Exception {
        PackagedJar.prepareWorkingFolder(work);

        Run run = run(Map.of("RELAY_SINKS", "file,kafak", "RELAY_LOG_FORMAT", "json"), "--batch");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(78);
        List<String> lines = run.output().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("CaptionRelay did not start: relay.sinks names 'kafak' but"
                + " no route in routes/ reads direct:sink-kafak; sinks available: embedded-copy, file, jdbc, jms, kafka, s3, xmp-sidecar");
        assertThat(run.output()).doesNotContain("\tat ").doesNotContain("Exception");
        ObjectMapper json = new ObjectMapper();
        List<String> logLines = lines.subList(0, lines.size() - 1);
        assertThat(logLines).isNotEmpty();
        for (String line : logLines) {
            JsonNode event = json.readTree(line);
            assertThat(event.path("level").asText()).as(line).isNotEmpty();
            assertThat(event.path("formattedMessage").asText()).as(line).isNotEmpty();
        }
    }

    @Test
    void should_open_no_database_and_start_only_the_provider_for_describe_with_the_local_provider() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        Files.write(work.resolve("a.jpg"), TestImages.uniqueJpeg(7, 64, 48));

        Run run = run(Map.of(), "describe", "--provider", "local", "a.jpg");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("\"provider\" : \"local\"")
                .contains("CaptionRelay describe: providers local, sinks none, database none, management server off, routes: provider-local\n");
        assertThat(work.resolve("data")).as("no H2 file, no paid-answers folder").doesNotExist();
    }

    @Test
    void should_create_no_route_for_sources_and_sinks_a_batch_does_not_use() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        Path image = Files.write(Files.createDirectories(work.resolve("inbox")).resolve("a.jpg"), TestImages.uniqueJpeg(7, 64, 48));
        Files.setLastModifiedTime(image, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Run run = run(Map.of(), "--batch");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(work.resolve("outbox/a.jpg.local.json")).exists();
        String line = run.output().lines().filter(l -> l.contains("CaptionRelay batch: providers local")).findFirst().orElseThrow();
        assertThat(line).contains("sinks file,jdbc, database open, management server off, routes: ");
        List<String> routes = List.of(line.substring(line.indexOf("routes: ") + "routes: ".length()).split(" "));
        assertThat(routes).contains("source-drop-folder", "provider-local", "sink-file", "sink-jdbc")
                .doesNotContain("sink-kafka", "sink-jms", "sink-s3", "sink-xmp-sidecar", "sink-embedded-copy",
                        "source-s3-bucket", "source-s3-bucket-pending", "source-sqs", "source-kafka");
    }

    private Run run(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder command = PackagedJar.command(work, args);
        command.environment().putAll(environment);
        return PackagedJar.runToEnd(work, command, Duration.ofMinutes(3));
    }

    /** The version in the jar's name, captionrelay-<version>.jar. */
    private static String projectVersion() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("captionrelay-.*\\.jar"))
                    .map(n -> n.substring("captionrelay-".length(), n.length() - ".jar".length()))
                    .findFirst().orElseThrow();
        }
    }

}
