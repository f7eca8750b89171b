package io.captionrelay.pipeline;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.RelayHeaders;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ExchangeHelper;

/**
 * Hands the result to one sink, the YAML route {@code direct:sink-<name>}: in {@code pipeline-deliver}'s
 * loop, turn <i>n</i> goes to the <i>n</i>-th sink of {@code relay.sinks}. The sink works on a copy of
 * the exchange, so every sink receives the canonical result as the pipeline made it, whatever the sinks
 * before it did to their own copy. When the sink fails, this step fails with a {@link SinkFailure}
 * naming it, which {@code pipeline-deliver}'s error handler retries with backoff: only this sink is
 * tried again, not the ones that already accepted the result.
 */
final class SinkDelivery implements Processor {

    private final List<String> sinks;
    private final ProducerTemplate template;

    SinkDelivery(List<String> sinks, ProducerTemplate template) {
        this.sinks = List.copyOf(sinks);
        this.template = template;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String sink = sinks.get(exchange.getProperty(Exchange.LOOP_INDEX, Integer.class));
        // a fresh copy for every attempt, with its own unit of work (as a recipient list makes them): the
        // sink's own error handling can neither mark this item as exhausted nor complete it
        Exchange attempt = ExchangeHelper.createCorrelatedCopy(exchange, false);
        template.send("direct:sink-" + sink, attempt);
        if (attempt.getException() != null) {
            throw new SinkFailure(sink, exchange.getMessage().getHeader(RelayHeaders.TASK, String.class), attempt.getException(),
                    exchange.getMessage().getBody(CaptionResult.class));
        }
    }

    @Override
    public String toString() {
        return "deliver to each sink of " + sinks;
    }
}
