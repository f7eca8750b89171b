package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.SafePath;
import io.captionrelay.pipeline.FailureRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * How keys a server keeps literally (AWS does; S3Proxy and MinIO resolve or refuse {@code ../}) are
 * named by the source and the sink: nothing derived from them leaves its prefix.
 */
class S3ItemsTest {

    private static final S3Settings SETTINGS = new S3Settings(true, "photos", "incoming/", true, "done/", "failed/", "pending/",
            "staging/", Optional.empty(), Optional.empty(), "us-east-1", true, Optional.empty(), Optional.empty(),
            "photos", "captions/", ".json", true, "caption-", List.of("title"));

    private final S3Items items = new S3Items(SETTINGS, 1000, key -> !key.contains("waits"));

    private Exchange listed(String key, long size) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, key);
        exchange.getMessage().setHeader(AWS2S3Constants.BUCKET_NAME, "photos");
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, size);
        return exchange;
    }

    @Test
    void should_name_an_object_for_the_pipeline() {
        Exchange exchange = listed("incoming/trip/a b.jpg", 10);
        items.describeItem(exchange);
        assertThat(exchange.getMessage().getHeader(RelayHeaders.SOURCE)).isEqualTo("s3://photos/incoming/trip/a b.jpg");
        assertThat(exchange.getMessage().getHeader(RelayHeaders.ITEM_PATH)).isEqualTo("trip/a b.jpg");
        assertThat(exchange.getMessage().getHeader(RelayHeaders.ITEM_SIZE)).isEqualTo(10L);
    }

    @Test
    void should_move_a_failed_object_with_dot_dot_segments_inside_the_failed_prefix() {
        for (String key : List.of("incoming/../../etc/passwd.jpg", "incoming/a/./b/../c.jpg", "incoming//x.jpg", "incoming/../")) {
            Exchange exchange = listed(key, 10);
            items.describeItem(exchange);
            exchange.setProperty(FailureRecords.AREA, FailureRecords.FAILED);
            exchange.getMessage().setBody("{}");

            items.recordHeaders(exchange);
            String record = exchange.getMessage().getHeader(S3Keys.RAW_KEY, String.class);
            items.moveHeaders(exchange);
            String source = exchange.getMessage().getHeader(S3Keys.RAW_KEY, String.class);
            String target = exchange.getMessage().getHeader(AWS2S3Constants.DESTINATION_KEY, String.class);

            assertThat(source).as(key).isEqualTo(key); // the object itself is found by its exact key
            assertThat(target).as(key).startsWith("failed/").doesNotContain("/../").doesNotContain("/./").doesNotContain("//");
            assertThat(record).as(key).isEqualTo(target + ".error.json");
        }
    }

    @Test
    void should_put_a_pending_object_under_the_pending_prefix_and_feed_it_back_under_the_watched_one() {
        Exchange failing = listed("incoming/q/p.jpg", 10);
        items.describeItem(failing);
        failing.setProperty(FailureRecords.AREA, FailureRecords.PENDING);
        failing.getMessage().setBody("{}");
        items.recordHeaders(failing);
        assertThat(failing.getMessage().getHeader(S3Keys.RAW_KEY)).isEqualTo("pending/q/p.jpg.pending.json");

        Exchange back = listed("pending/q/p.jpg", 10);
        items.refeed(back);
        assertThat(back.getProperty(S3Items.REFEED_KEY)).isEqualTo("incoming/q/p.jpg");
        assertThat(back.getMessage().getHeader(AWS2S3Constants.DESTINATION_KEY)).isEqualTo("incoming/q/p.jpg");

        assertThat(back.getProperty(S3Items.PENDING_KEY)).isEqualTo("pending/q/p.jpg");

        Exchange record = listed("pending/q/p.jpg.pending.json", 10);
        items.refeed(record);
        assertThat(record.getProperty(S3Items.REFEED_KEY)).isNull(); // records go when their image goes

        Exchange stillWaiting = listed("pending/q/waits.jpg", 10);
        items.refeed(stillWaiting);
        assertThat(stillWaiting.getProperty(S3Items.REFEED_KEY)).isNull(); // its provider is stopped: it stays
    }

    @Test
    void should_write_sidecars_under_the_sink_prefix_whatever_the_key() throws Exception {
        S3Sink sink = new S3Sink(SETTINGS);
        String deep = String.join("/", java.util.Collections.nCopies(6, "ü".repeat(100)));
        for (String itemPath : List.of("../../etc/passwd.jpg", "a/./b/../c.jpg", "${camelContext.stop()}.jpg", deep + "/x.jpg")) {
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            exchange.getMessage().setHeader(RelayHeaders.OUTPUT_PATH, SafePath.of(itemPath));
            exchange.getMessage().setHeader(RelayHeaders.TASK, "local");
            exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, 99L);
            exchange.getMessage().setBody(new CaptionResult("00", "s3://photos/incoming/" + itemPath, "local", "describe", "T", null,
                    null, List.of(), "en", null, Map.of(), null, null, 1, Instant.EPOCH));

            sink.sidecarHeaders(exchange);

            String key = exchange.getMessage().getHeader(S3Keys.RAW_KEY, String.class);
            assertThat(key).as(itemPath).startsWith("captions/").endsWith(".local.json").doesNotContain("/../").doesNotContain("/./");
            assertThat(key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(S3Keys.MAX_KEY_BYTES);
            assertThat(exchange.getMessage().getHeader(AWS2S3Constants.CONTENT_LENGTH)).isNull(); // not the image's size
            assertThat(exchange.getProperty(S3Sink.TAG_TARGET, S3Location.class).key()).isEqualTo("incoming/" + itemPath);
        }
    }
}
