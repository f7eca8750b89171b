package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The intake's refusals give their true reason: the size before anything is read, the heap when it runs out. */
class IntakeLimitsTest {

    private static final long MAX = 1_000_000;
    private final Intake intake = new Intake(new ImageInspector(MAX, 100_000_000), new ImageClaims(),
            new PipelineProgress(() -> 0), MAX, exchange -> { });

    @Test
    void should_refuse_a_file_by_its_announced_size_without_reading_it() {
        AtomicInteger reads = new AtomicInteger();
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                reads.incrementAndGet();
                return 0;
            }
        };
        Exchange exchange = exchange(neverRead);
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, 60_000_000L);

        RelayException refused = catchThrowableOfType(() -> intake.process(exchange), RelayException.class);

        assertThat(refused.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refused).hasMessage("the file is larger than the limit of 1.0 MB");
        assertThat(reads).hasValue(0);
    }

    @Test
    void should_turn_a_heap_too_small_for_the_file_into_a_clear_refusal() {
        InputStream heapRunsOut = new InputStream() {
            @Override
            public int read() {
                throw new OutOfMemoryError("Java heap space");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        Exchange exchange = exchange(heapRunsOut);
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, 900_000L);

        RelayException refused = catchThrowableOfType(() -> intake.process(exchange), RelayException.class);

        assertThat(refused.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(refused.getMessage()).startsWith("not enough memory to read the file (0.9 MB): the heap (at most ")
                .contains("-Xmx").contains("relay.image.max-bytes");
    }

    @Test
    void should_read_a_file_of_its_announced_size_whole() throws Exception {
        byte[] jpeg = TestImages.uniqueJpeg(4, 40, 30);
        Exchange exchange = exchange(new ByteArrayInputStream(jpeg));
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, (long) jpeg.length);

        intake.process(exchange);

        assertThat(exchange.getProperty(RelayHeaders.JOB, ImageJob.class).bytes()).isEqualTo(jpeg);
    }

    private static Exchange exchange(InputStream body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(RelayHeaders.ITEM_PATH, "a.jpg");
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
