package io.captionrelay.events;

import io.captionrelay.model.RelayHeaders;
import io.captionrelay.pipeline.FailureRecords;
import org.apache.camel.Exchange;

/**
 * When the SQS source gives a failing message up: on its {@code relay.sqs.max-receives}-th receive (SQS counts them:
 * {@code ApproximateReceiveCount}). Earlier failures leave the message in the queue, visible again after the
 * visibility timeout. A failure that only waits for a provider (rate limit, refused key, spent credit) is not the
 * message's fault and never gives it up.
 */
public final class ReceiveLimit {

    /** SQS's attribute, a header of the consumed message (the route asks for it with attributeNames). */
    static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final int maxReceives;

    public ReceiveLimit(int maxReceives) {
        if (maxReceives < 1) {
            throw new IllegalArgumentException("relay.sqs.max-receives must be 1 or more, not " + maxReceives);
        }
        this.maxReceives = maxReceives;
    }

    /** First step of the route: the receive count, kept where the pipeline's header changes cannot reach it. */
    public void remember(Exchange exchange) {
        exchange.setProperty(RelayHeaders.SQS_RECEIVE_COUNT, exchange.getMessage().getHeader(RECEIVE_COUNT, "1", String.class));
    }

    /** Error handler's {@code handled}: true when this failure sends the message to the dead-letter queue. */
    public boolean givesUp(Exchange exchange) {
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int receives = Integer.parseInt(exchange.getProperty(RelayHeaders.SQS_RECEIVE_COUNT, "1", String.class));
        return receives >= maxReceives && !FailureRecords.waitsForProvider(cause);
    }
}
