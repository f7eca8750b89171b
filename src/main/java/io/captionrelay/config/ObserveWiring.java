package io.captionrelay.config;

import io.captionrelay.pipeline.StuckWorkHealthCheck;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.StuckWork;
import io.captionrelay.settings.Settings;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** Wiring for what operators watch beyond the providers (whose health checks, gauges and pace ProviderBeans adds): stuck work. */
final class ObserveWiring {

    private ObserveWiring() {
    }

    static void register(CamelContext context, Settings settings, PipelineProgress progress) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        StuckWork stuckWork = new StuckWork(context, progress, Duration.ofSeconds(settings.longValue("relay.health.stuck-after")));
        context.getRegistry().bind(RelayConfiguration.STUCK_WORK, stuckWork);
        if (health != null) {
            health.register(new StuckWorkHealthCheck(stuckWork));
        }
    }
}
