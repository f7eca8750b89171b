package io.captionrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code config check} calls a key unknown only when nothing reads it. */
class KnownKeysTest {

    private static final Pattern KEY = Pattern.compile("(?:\"|\\{\\{)(relay\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+)(?:\"|}})");

    @Test
    void should_know_every_relay_key_the_code_and_the_routes_read() throws IOException {
        Set<String> read = new TreeSet<>();
        for (Path folder : new Path[] {Path.of("src/main/java"), Path.of("routes")}) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = KEY.matcher(Files.readString(file));
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                }
            }
        }
        KnownKeys known = KnownKeys.load();

        assertThat(read).hasSizeGreaterThan(40);
        assertThat(read).allMatch(known::isKnown, "is a known key (application.properties)");
    }

    @Test
    void should_suggest_the_nearest_key_by_edit_distance() {
        KnownKeys known = KnownKeys.load();
        assertThat(known.nearest("relay.inbox.dirr")).isEqualTo("relay.inbox.dir");
        assertThat(known.nearest("relay.sink.kafka.topics")).isEqualTo("relay.sink.kafka.topic");
        assertThat(known.nearestEnvironmentName("RELAY_OUTBOX_DIRECTORY")).isEqualTo("RELAY_OUTBOX_DIR");
    }

    @Test
    void should_mask_keys_that_name_a_secret() {
        assertThat(SecretKeys.shown("relay.provider.openai.api-key", "sk-1")).isEqualTo("****");
        assertThat(SecretKeys.shown("relay.s3.secret-key", "s")).isEqualTo("****");
        assertThat(SecretKeys.shown("relay.sink.jms.password", "p")).isEqualTo("****");
        assertThat(SecretKeys.shown("relay.db.password", "")).isEmpty();
        assertThat(SecretKeys.shown("relay.inbox.dir", "inbox")).isEqualTo("inbox");
        assertThat(SecretKeys.shown("relay.provider.openai.max-tokens", "500")).isEqualTo("500");
    }

    @Test
    void should_know_provider_settings_from_the_plug_ins_declarations_not_from_application_properties() {
        KnownKeys known = KnownKeys.parse("relay.providers = local\n");

        assertThat(known.isKnown("relay.provider.openai.max-tokens")).isTrue();
        assertThat(known.isKnown("relay.provider.imaginepro.webhook-min-gap")).isTrue();
        assertThat(known.isKnown("relay.provider.imagedescriber-tags.quota")).isTrue();
        assertThat(known.isKnown("relay.provider.openai.max-token")).isFalse();
        assertThat(known.nearest("relay.provider.openai.max-token")).isEqualTo("relay.provider.openai.max-tokens");
    }
}
