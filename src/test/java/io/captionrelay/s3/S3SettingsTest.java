package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.settings.Settings;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The relay.s3.* keys as application.properties ships them, with overrides. */
class S3SettingsTest {

    private static S3Settings read(String... overrides) {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties props = new Properties();
        for (int i = 0; i < overrides.length; i += 2) {
            props.setProperty(overrides[i], overrides[i + 1]);
        }
        context.getPropertiesComponent().setOverrideProperties(props);
        return S3Settings.read(new Settings(context.getPropertiesComponent()));
    }

    @Test
    void should_ship_a_layout_that_is_off_and_valid() {
        S3Settings s3 = read("relay.s3.enabled", "true", "relay.sinks", "file,s3");
        assertThat(s3.prefix()).isEqualTo("incoming/");
        assertThat(s3.donePrefix()).isEqualTo("done/");
        assertThat(s3.sinkBucket()).isEqualTo("captionrelay"); // {{relay.s3.bucket}}
        assertThat(s3.endpoint()).isEmpty();
        assertThat(s3.accessKey()).isEmpty();
        assertThat(read().enabled()).isFalse();
    }

    @Test
    void should_add_the_trailing_slash_and_drop_a_leading_one() {
        S3Settings s3 = read("relay.s3.prefix", "/photos/in", "relay.s3.done-prefix", "photos/out");
        assertThat(s3.prefix()).isEqualTo("photos/in/");
        assertThat(s3.donePrefix()).isEqualTo("photos/out/");
    }

    @Test
    void should_refuse_areas_that_overlap_the_watched_prefix() {
        assertThatThrownBy(() -> read("relay.s3.enabled", "true", "relay.s3.done-prefix", "incoming/done"))
                .hasMessageContaining("relay.s3.done-prefix").hasMessageContaining("overlap");
        assertThatThrownBy(() -> read("relay.s3.enabled", "true", "relay.s3.prefix", "failed/new", "relay.s3.failed-prefix", "failed"))
                .hasMessageContaining("relay.s3.failed-prefix");
        assertThatThrownBy(() -> read("relay.s3.enabled", "true", "relay.s3.prefix", ""))
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> read("relay.s3.enabled", "true", "relay.sinks", "s3", "relay.sink.s3.prefix", "incoming/captions"))
                .hasMessageContaining("relay.sink.s3.prefix");
        // another bucket for the sink: no overlap possible
        read("relay.s3.enabled", "true", "relay.sinks", "s3", "relay.sink.s3.bucket", "results", "relay.sink.s3.prefix", "incoming/");
        // the source is off: nothing to overlap
        read("relay.s3.done-prefix", "incoming/done");
    }

    @Test
    void should_refuse_a_done_prefix_the_component_would_cut_wrongly() {
        // camel-aws2-s3 removes the source prefix from "done prefix + key" with replaceFirst (a regular expression)
        assertThatThrownBy(() -> read("relay.s3.enabled", "true", "relay.s3.prefix", "in", "relay.s3.done-prefix", "archive/in"))
                .hasMessageContaining("relay.s3.done-prefix");
        assertThatThrownBy(() -> read("relay.s3.enabled", "true", "relay.s3.prefix", "a.b", "relay.s3.done-prefix", "xaxb/"))
                .hasMessageContaining("relay.s3.done-prefix");
        read("relay.s3.enabled", "true", "relay.s3.prefix", "a.b", "relay.s3.done-prefix", "a.b-done");
    }

    @Test
    void should_refuse_bad_names_half_credentials_and_unknown_tag_fields() {
        assertThatThrownBy(() -> read("relay.s3.prefix", "in(coming)")).hasMessageContaining("may use only");
        assertThatThrownBy(() -> read("relay.s3.prefix", "in/../x")).hasMessageContaining("plain path");
        assertThatThrownBy(() -> read("relay.s3.bucket", "My_Bucket")).hasMessageContaining("not a valid bucket name");
        assertThatThrownBy(() -> read("relay.s3.access-key", "AKIA")).hasMessageContaining("relay.s3.secret-key");
        assertThatThrownBy(() -> read("relay.s3.endpoint", "minio:9000")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> read("relay.sinks", "s3", "relay.sink.s3.tag-source", "true", "relay.sink.s3.tag-fields", "title,colour"))
                .hasMessageContaining("colour");
    }

    @Test
    void should_never_print_the_secret_key() {
        S3Settings s3 = read("relay.s3.access-key", "AKIAEXAMPLEKEYID", "relay.s3.secret-key", "wJalrXUtnFEMIsecretQQQ");
        assertThat(s3.secretKey()).contains("wJalrXUtnFEMIsecretQQQ");
        assertThat(s3.toString()).doesNotContain("wJalrXUtnFEMIsecretQQQ").doesNotContain("AKIAEXAMPLEKEYID")
                .contains("secretKey=***");
        assertThat(new S3Sink(s3, null, null).toString()).doesNotContain("wJalrXUtnFEMIsecretQQQ");
    }
}
