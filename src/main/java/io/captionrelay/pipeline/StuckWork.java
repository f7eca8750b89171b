package io.captionrelay.pipeline;

import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.InflightRepository;

/**
 * Finds work that is stuck: exchanges in flight for longer than {@code relay.health.stuck-after} while no item at
 * all has finished for as long (a worker blocked for ever, an exchange whose completion never comes). A slow
 * pipeline that still finishes images, say one paced by a provider's quota, is not stuck.
 */
public final class StuckWork {

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

    /** One line per stuck exchange ("file:a.jpg, in route pipeline-intake for 1805 s"); empty when nothing is stuck. */
    public List<String> stuck() {
        if (progress.sinceLastFinished().compareTo(after) < 0) {
            return List.of();
        }
        return context.getInflightRepository().browse().stream()
                .filter(flight -> flight.getDuration() >= after.toMillis())
                .map(StuckWork::describe)
                .toList();
    }

    private static String describe(InflightRepository.InflightExchange flight) {
        String source = flight.getExchange().getMessage().getHeader(RelayHeaders.SOURCE, String.class);
        ImageJob job = flight.getExchange().getProperty(RelayHeaders.JOB, ImageJob.class);
        String what = job != null ? job.source() : source != null ? source : "exchange " + flight.getExchange().getExchangeId();
        return what.replaceAll("\\p{Cntrl}", "?") + ", in route " + flight.getAtRouteId() + " for "
                + flight.getDuration() / 1000 + " s";
    }
}
