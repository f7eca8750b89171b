package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.component.aws2.s3.utils.AWS2S3Utils;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class S3KeysTest {

    @Test
    void should_keep_a_key_that_fits_as_it_is() {
        assertThat(S3Keys.join("captions/", "trip/ünï cödé.jpg", ".local.json")).isEqualTo("captions/trip/ünï cödé.jpg.local.json");
    }

    @Test
    void should_shorten_the_path_of_a_key_over_1024_bytes_keeping_prefix_suffix_and_uniqueness() {
        String path = "ж".repeat(600); // 1200 bytes
        String key = S3Keys.join("captions/", path, ".local.json");
        String other = S3Keys.join("captions/", path + "x", ".local.json");

        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(S3Keys.MAX_KEY_BYTES);
        assertThat(key).startsWith("captions/жжж").endsWith(".local.json").contains("~");
        assertThat(other).isNotEqualTo(key);
        assertThat(S3Keys.join("captions/", path, ".local.json")).isEqualTo(key); // stable
    }

    @Test
    void should_hand_the_producer_a_key_with_an_expression_in_it_as_a_plain_name() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            AWS2S3Configuration configuration = new AWS2S3Configuration();
            for (String key : new String[] {"incoming/${camelContext.stop()}.jpg", "incoming/$simple{body}.jpg", "plain/key.jpg"}) {
                Exchange exchange = new DefaultExchange(context);
                S3Keys.use(exchange.getMessage(), key);
                // what camel-aws2-s3 itself does with the header before every call
                assertThat(AWS2S3Utils.determineKey(exchange, configuration)).isEqualTo(key);
            }
            assertThat(context.isStarted()).isTrue();
        } finally {
            context.stop();
        }
    }

    @Test
    void should_clear_the_consumers_headers_before_a_producer_call() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, 12345L);
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, "incoming/a.jpg");
        exchange.getMessage().setHeader("CaptionRelaySource", "s3://b/incoming/a.jpg");
        S3Keys.clearS3Headers(exchange.getMessage());
        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("CaptionRelaySource");
    }
}
