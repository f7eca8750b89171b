package io.captionrelay.config;

import io.captionrelay.provider.ProviderHealthCheck;
import io.captionrelay.observe.ProviderPace;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.pipeline.StuckWorkHealthCheck;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.StuckWork;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaGates;
import io.captionrelay.settings.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** Wiring for what operators watch: health checks (stuck work, providers), circuit gauges, the provider pace line. */
final class ObserveWiring {

    private ObserveWiring() {
    }

    static void register(CamelContext context, Settings settings, PipelineProgress progress, RelayMetrics metrics,
                         ProviderCircuits circuits, QuotaGates gates, Map<String, List<QuotaGate>> gatesByProvider,
                         Map<String, String> quotas) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        StuckWork stuckWork = new StuckWork(context, progress, Duration.ofSeconds(settings.longValue("relay.health.stuck-after")));
        context.getRegistry().bind(RelayConfiguration.STUCK_WORK, stuckWork);
        if (health != null) {
            health.register(new StuckWorkHealthCheck(stuckWork));
        }
        gatesByProvider.forEach((provider, providerGates) -> {
            metrics.circuitGauge(provider, () -> circuits.isOpen(provider));
            if (health != null) {
                health.register(new ProviderHealthCheck(provider, circuits, providerGates));
            }
        });
        progress.showAlso(new ProviderPace(metrics, gates.all(), quotas));
    }
}
