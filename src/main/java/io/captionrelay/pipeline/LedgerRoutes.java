package io.captionrelay.pipeline;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The ledger's reads and writes as routes, so that Camel's redelivery rides out a database outage: each
 * attempt fails fast (the pool's connection timeout) and is tried again with exponential backoff
 * ({@code relay.db.retry.*}). A timer moves answers kept during an outage into the ledger once it is back.
 */
public final class LedgerRoutes extends RouteBuilder {

    static final String FIND = "direct:ledger-find";
    static final String RECORD = "direct:ledger-record";

    private final CaptionLedger ledger;
    private final DurableLedger durable;
    private final DatabaseRetry retry;

    /** How often, and how patiently, a ledger read or write is tried again; how often kept answers are flushed. */
    public record DatabaseRetry(int maxRetries, long initialDelayMs, long maxDelayMs, long flushIntervalMs) {
    }

    public LedgerRoutes(CaptionLedger ledger, DurableLedger durable, DatabaseRetry retry) {
        this.ledger = ledger;
        this.durable = durable;
        this.retry = retry;
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(retry.maxRetries())
                .redeliveryDelay(retry.initialDelayMs())
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(retry.maxDelayMs())
                .useCollisionAvoidance()
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false)
                .logStackTrace(false)
                .logExhausted(false)); // the item's failure record says what happened

        from(FIND).routeId("ledger-find")
                .process(exchange -> exchange.getMessage().setBody(
                        ledger.find(exchange.getMessage().getMandatoryBody(ResultKey.class)).orElse(null)));

        from(RECORD).routeId("ledger-record")
                .process(exchange -> ledger.record(exchange.getMessage().getMandatoryBody(CaptionResult.class)));

        from("timer:ledger-paid-answers?delay=1000&period=" + retry.flushIntervalMs()).routeId("ledger-paid-answers")
                .errorHandler(noErrorHandler())
                .process(exchange -> durable.flushPaidAnswers());
    }
}
