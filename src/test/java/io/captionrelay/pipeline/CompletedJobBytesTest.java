package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.Test;

/**
 * A completed image's bytes do not outlive it: a source may keep its completed exchanges (the file consumer
 * keeps a poll's until the poll ends), so the job lets go of the bytes when the item completes.
 */
class CompletedJobBytesTest {

    private final Intake intake = new Intake(new ImageInspector(10_000_000, 100_000_000), new ImageClaims(),
            new PipelineProgress(() -> 0), 10_000_000, exchange -> { });

    @Test
    void should_let_go_of_the_bytes_when_the_item_completes() throws Exception {
        Exchange exchange = exchange(1);
        WeakReference<byte[]> bytes = taken(exchange);

        complete(exchange);

        assertReleased(exchange, bytes);
    }

    @Test
    void should_let_go_of_the_bytes_when_the_item_fails() throws Exception {
        Exchange exchange = exchange(2);
        WeakReference<byte[]> bytes = taken(exchange);
        exchange.setException(new IllegalStateException("a sink refused it"));

        complete(exchange);

        assertReleased(exchange, bytes);
    }

    private WeakReference<byte[]> taken(Exchange exchange) throws Exception {
        intake.process(exchange);
        return new WeakReference<>(exchange.getProperty(RelayHeaders.JOB, ImageJob.class).bytes());
    }

    /** The completed exchange is still held here, as a source's listing may hold it: only the bytes must go. */
    private static void assertReleased(Exchange exchange, WeakReference<byte[]> bytes) {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return bytes.get() == null;
        });
        assertThat(job.outputPath()).isEqualTo("a.jpg");
        assertThatThrownBy(job::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    private static void complete(Exchange exchange) {
        UnitOfWorkHelper.doneSynchronizations(exchange, exchange.getExchangeExtension().handoverCompletions());
    }

    private static Exchange exchange(int seed) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(RelayHeaders.ITEM_PATH, "a.jpg");
        exchange.getMessage().setBody(new ByteArrayInputStream(TestImages.uniqueJpeg(seed, 64, 48)));
        return exchange;
    }
}
