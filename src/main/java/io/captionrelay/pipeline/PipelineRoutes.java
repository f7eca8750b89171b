package io.captionrelay.pipeline;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import java.util.List;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;

/**
 * The core of CaptionRelay. Sources (YAML, {@code routes/}) send each item to {@code direct:intake};
 * every configured provider task runs on it; each result goes to {@code direct:deliver}, which hands
 * it to every configured sink (YAML routes {@code direct:sink-<name>}), one after the other; a sink that
 * fails is retried with backoff, and only that sink. An exception anywhere fails the item back to its
 * source, which moves it aside with a reason record.
 */
public final class PipelineRoutes extends RouteBuilder {

    private final Intake intake;
    private final DescribeStep describe;
    private final List<ProviderTask> tasks;
    private final List<String> sinks;
    private final int workers;
    private final PipelineProgress progress;
    private final SinkRetry sinkRetry;
    private final InProgressLimit inProgress;
    private final List<String> mergeOrder;

    /** How often, and how patiently, a sink that fails is tried again before the item fails. */
    public record SinkRetry(int maxRetries, long initialDelayMs, long maxDelayMs) {
    }

    public PipelineRoutes(Intake intake, DescribeStep describe, List<ProviderTask> tasks, List<String> sinks, int workers,
                          PipelineProgress progress, SinkRetry sinkRetry, InProgressLimit inProgress) {
        this(intake, describe, tasks, sinks, workers, progress, sinkRetry, inProgress, null);
    }

    /** @param mergeOrder the task ids whose fields win, first first, for a merged record; null: no merged record */
    public PipelineRoutes(Intake intake, DescribeStep describe, List<ProviderTask> tasks, List<String> sinks, int workers,
                          PipelineProgress progress, SinkRetry sinkRetry, InProgressLimit inProgress, List<String> mergeOrder) {
        this.intake = intake;
        this.describe = describe;
        this.tasks = List.copyOf(tasks);
        this.sinks = List.copyOf(sinks);
        this.workers = workers;
        this.progress = progress;
        this.sinkRetry = sinkRetry;
        this.inProgress = inProgress;
        this.mergeOrder = mergeOrder == null ? null : List.copyOf(mergeOrder);
    }

    @Override
    public void configure() throws Exception {
        // Sub-routes must not handle errors themselves: every failure goes back to the source route
        // (pipeline-deliver retries a failing sink first, then lets the failure go back too).
        errorHandler(noErrorHandler());
        ProducerTemplate template = getContext().createProducerTemplate();
        getContext().addService(template, true);
        MergedResults merged = new MergedResults(mergeOrder == null ? List.of() : mergeOrder, template);

        // At most relay.pipeline.max-in-progress images are read at once; the others wait unread. Workers take
        // items from the source's thread; when all are busy the source thread works too.
        from("direct:intake").routeId("pipeline-intake")
                .process(inProgress)
                .threads(workers, workers).maxQueueSize(workers).callerRunsWhenRejected(true)
                .process(intake)
                .filter(constant(mergeOrder != null)).process(merged::start).end()
                .split(constant(tasks)).stopOnException()
                    .to("direct:describe")
                    .process(MergedResults::collect)
                .end()
                // relay.result.merge: once every task delivered, one combined record goes to the sinks too
                .filter(constant(mergeOrder != null)).process(merged::deliver).end();

        from("direct:describe").routeId("pipeline-describe")
                .process(describe::lookup)
                .doTry()
                    .choice().when(exchangeProperty(RelayHeaders.REUSED).isEqualTo(false))
                        .toD("${body.endpoint()}")
                        .process(describe::record)
                    .endDoTry() // ends the choice
                .doCatch(RelayException.class)
                    // the failed task's claim is given up first; its fallback describes (and delivers) the image
                    // instead, or the failure names the task
                    .process(describe::releaseClaim)
                    .process(describe::fallBackOrNameTheProvider)
                    .to("direct:describe")
                    .process(describe::fallenBack)
                .doFinally()
                    .process(describe::releaseClaim)
                .end()
                .filter(exchangeProperty(RelayHeaders.FALLEN_BACK_TO).isNull())
                    .process(describe::headersForSinks)
                    .to("direct:deliver")
                .end();

        // Every configured sink gets the result, in the order of relay.sinks; the item completes only when all
        // have accepted it. The error handler retries the sink step of the loop's current turn, so only the sink
        // that failed is tried again; when its retries run out, the item fails with a SinkFailure naming it.
        from("direct:deliver").routeId("pipeline-deliver")
                .errorHandler(sinkRetries())
                .loop(sinks.size())
                    .process(new SinkDelivery(sinks, template)).id("deliver-to-sink")
                .end();

        from("timer:progress?period={{relay.progress.interval}}").routeId("pipeline-progress")
                .process(exchange -> progress.report());
    }

    private DefaultErrorHandlerDefinition sinkRetries() {
        return defaultErrorHandler()
                .maximumRedeliveries(sinkRetry.maxRetries())
                .redeliveryDelay(sinkRetry.initialDelayMs())
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(sinkRetry.maxDelayMs())
                .useCollisionAvoidance()
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false)
                .logStackTrace(false)
                .logExhausted(false); // the source's failure record says what happened
    }
}
