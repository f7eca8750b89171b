package io.captionrelay.pipeline;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * The core of CaptionRelay. Sources (YAML, {@code routes/}) send each item to {@code direct:intake};
 * every configured provider task runs on it; each result goes to {@code direct:deliver}, which hands
 * it to every configured sink (YAML routes {@code direct:sink-<name>}). An exception anywhere fails
 * the item back to its source, which moves it aside with a reason record.
 */
public final class PipelineRoutes extends RouteBuilder {

    private final Intake intake;
    private final DescribeStep describe;
    private final List<ProviderTask> tasks;
    private final List<String> sinks;
    private final int workers;
    private final PipelineProgress progress;

    public PipelineRoutes(Intake intake, DescribeStep describe, List<ProviderTask> tasks, List<String> sinks, int workers,
                          PipelineProgress progress) {
        this.intake = intake;
        this.describe = describe;
        this.tasks = List.copyOf(tasks);
        this.sinks = List.copyOf(sinks);
        this.workers = workers;
        this.progress = progress;
    }

    @Override
    public void configure() {
        // Sub-routes must not handle errors themselves: every failure goes back to the source route.
        errorHandler(noErrorHandler());

        // Workers take items from the source's thread; when all are busy the source thread works too,
        // so a large inbox never queues more than a few images in memory.
        from("direct:intake").routeId("pipeline-intake")
                .threads(workers, workers).maxQueueSize(workers).callerRunsWhenRejected(true)
                .process(intake)
                .split(constant(tasks)).stopOnException()
                    .to("direct:describe")
                .end();

        from("direct:describe").routeId("pipeline-describe")
                .process(describe::lookup)
                .choice().when(exchangeProperty(DescribeStep.REUSED).isEqualTo(false))
                    .toD("${body.endpoint()}")
                    .process(describe::record)
                .end()
                .process(describe::headersForSinks)
                .to("direct:deliver");

        from("direct:deliver").routeId("pipeline-deliver")
                .recipientList(constant(String.join(",", sinks.stream().map(s -> "direct:sink-" + s).toList())))
                .stopOnException();

        from("timer:progress?period={{relay.progress.interval}}").routeId("pipeline-progress")
                .process(exchange -> progress.report());
    }
}
