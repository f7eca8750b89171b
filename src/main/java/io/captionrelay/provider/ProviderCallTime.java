package io.captionrelay.provider;

import io.captionrelay.model.RelayHeaders;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * The provider call latency, measured the same way on every provider path (see {@link RelayHeaders}): marked
 * when the request is sent and again when the answer has been read.
 */
public final class ProviderCallTime {

    private ProviderCallTime() {
    }

    /** The request is going out now; an earlier attempt's measurement is dropped. */
    public static void sent(Exchange exchange) {
        exchange.removeProperty(RelayHeaders.CALL_LATENCY);
        exchange.setProperty(RelayHeaders.CALL_STARTED, System.nanoTime());
    }

    /** The answer has been read: keeps and returns the provider call latency. */
    public static Duration answered(Exchange exchange) {
        Duration latency = sinceSent(exchange);
        exchange.setProperty(RelayHeaders.CALL_LATENCY, latency.toNanos());
        return latency;
    }

    /** Time since the request was sent (zero when none was). */
    public static Duration sinceSent(Exchange exchange) {
        return Duration.ofNanos(System.nanoTime() - exchange.getProperty(RelayHeaders.CALL_STARTED, System.nanoTime(), Long.class));
    }
}
