package io.captionrelay.pipeline;

import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InflightRepository;

/**
 * Finds work that is stuck: exchanges in flight for longer than {@code relay.health.stuck-after} while no item at
 * all has finished for as long (a worker blocked for ever, an exchange whose completion never comes). A slow
 * pipeline that still finishes images, say one paced by a provider's quota, is not stuck.
 */
public final class StuckWork {

    /** The registry name it is bound under. */
    public static final String BEAN = "stuckWork";

    private final CamelContext context;
    private final PipelineProgress progress;
    private final Duration after;

    public StuckWork(CamelContext context, PipelineProgress progress, Duration after) {
        this.context = context;
        this.progress = progress;
        this.after = after;
        context.getInflightRepository().setInflightBrowseEnabled(true); // browse() is empty otherwise
    }

    public Duration after() {
        return after;
    }

    /** A stuck item: what it is, where it sits and for how long, and one of its exchanges. */
    public record Stuck(String item, String where, Exchange exchange) {
        @Override
        public String toString() {
            return item + where;
        }
    }

    /** One line per stuck item ("file:a.jpg, in route provider-apiverve-http for 1805 s"); empty when nothing is stuck. */
    public List<String> stuck() {
        return stuckItems().stream().map(Stuck::toString).toList();
    }

    /** The stuck items, each counted once although its provider calls run in sub-exchanges of their own. */
    public List<Stuck> stuckItems() {
        if (progress.sinceLastFinished().compareTo(after) < 0) {
            return List.of();
        }
        Map<String, Stuck> byItem = new LinkedHashMap<>();
        for (InflightRepository.InflightExchange flight : context.getInflightRepository().browse()) {
            if (flight.getDuration() >= after.toMillis()) {
                String item = item(flight);
                Stuck before = byItem.get(item);
                byItem.put(item, new Stuck(item, ", in route " + flight.getAtRouteId() + " for " + flight.getDuration() / 1000 + " s",
                        before != null ? before.exchange() : flight.getExchange())); // the first listed is the source's own
            }
        }
        return List.copyOf(byItem.values());
    }

    private static String item(InflightRepository.InflightExchange flight) {
        String source = flight.getExchange().getMessage().getHeader(RelayHeaders.SOURCE, String.class);
        ImageJob job = flight.getExchange().getProperty(RelayHeaders.JOB, ImageJob.class);
        String what = job != null ? job.source() : source != null ? source : "exchange " + flight.getExchange().getExchangeId();
        return what.replaceAll("\\p{Cntrl}", "?");
    }
}
