package io.captionrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code config check}: the effective configuration with secrets masked, and every unknown relay.* name. */
class ConfigCheckCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(Map<String, String> environment, Properties system, String configKeys) throws Exception {
        Path config = Files.writeString(tmp.resolve("my.properties"), configKeys);
        CommandLine command = new CommandLine(new ConfigCheckCommand(environment, system));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute("--config", config.toString());
    }

    @Test
    void should_print_every_key_with_its_value_and_where_it_comes_from() throws Exception {
        int code = check(Map.of(), new Properties(), "relay.inbox.dir = elsewhere\n"
                + "relay.provider.imagedescriber-tags.language = de\ncamel.main.shutdown-timeout = 5\n");

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        String file = tmp.resolve("my.properties").toString();
        assertThat(out.toString().lines()).contains(
                "relay.inbox.dir = elsewhere    # " + file,
                "relay.outbox.dir = outbox",
                "relay.sink.s3.bucket = captionrelay",
                "relay.media.signing-key = (not set)",
                "relay.provider.imagedescriber-tags.language = de    # " + file,
                "camel.main.shutdown-timeout = 5    # " + file,
                "camel.main.name = captionrelay");
    }

    @Test
    void should_mask_secrets_wherever_they_come_from() throws Exception {
        int code = check(Map.of(), new Properties(), "relay.provider.openai.api-key = canary-openai-7f3a\n"
                + "relay.db.password = canary-db-91c2\nrelay.media.signing-key = canary-signing-key-0123456789abcdef\n"
                + "camel.component.kafka.sasl-jaas-config = canary-jaas-55\n");

        assertThat(code).isZero();
        assertThat(out.toString() + err).doesNotContain("canary");
        assertThat(out.toString().lines()).anyMatch(l -> l.startsWith("relay.provider.openai.api-key = ****"))
                .anyMatch(l -> l.startsWith("relay.db.password = ****"))
                .anyMatch(l -> l.startsWith("relay.media.signing-key = ****"))
                .anyMatch(l -> l.startsWith("camel.component.kafka.sasl-jaas-config = ****"));
    }

    @Test
    void should_name_each_unknown_key_with_the_nearest_known_one_and_exit_78() throws Exception {
        Properties system = new Properties();
        system.setProperty("relay.providr", "local");
        system.setProperty("java.version", "17");
        int code = check(Map.of("RELAY_INBOX_DIRR", "x", "RELAY_LOG_FORMAT", "json",
                        "RELAY_PROVIDER_IMAGEDESCRIBER_TAGS_LANGUAGE", "de", "PATH", "/bin"),
                system, "relay.inbox.dirr = x\nrelay.provider.openai.api-kee = y\nrelay.provider.imagedescriber-tags.prompt = z\n");

        assertThat(code).isEqualTo(ExitCodes.CONFIG);
        String file = tmp.resolve("my.properties").toString();
        assertThat(err.toString().lines()).containsExactly(
                "relay.inbox.dirr is unknown; did you mean relay.inbox.dir? (" + file + ")",
                "relay.provider.openai.api-kee is unknown; did you mean relay.provider.openai.api-key? (" + file + ")",
                "relay.providr is unknown; did you mean relay.providers? (system property)",
                "RELAY_INBOX_DIRR is unknown; did you mean RELAY_INBOX_DIR (relay.inbox.dir)? (environment)");
    }

    @Test
    void should_know_the_settings_every_provider_task_reads_under_its_own_name() {
        KnownKeys known = KnownKeys.load();
        assertThat(known.isKnown("relay.provider.imagedescriber-tags.api-key")).isTrue();
        assertThat(known.isKnown("relay.provider.local.quota")).isTrue();
        assertThat(known.isKnown("relay.provider.imaginepro.webhook-base-url")).isTrue();
        assertThat(known.isKnown("relay.provider.apiverve.webhook-base-url")).isFalse();
        assertThat(known.forEnvironment("RELAY_PROVIDER_OPENAI_API_KEY")).contains("relay.provider.openai.api-key");
    }
}
