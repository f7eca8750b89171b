package io.captionrelay.provider;

import io.captionrelay.quota.QuotaGate;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of one provider at {@code /observe/health}: DOWN while its circuit is open (a refused key or
 * spent credit; its images wait in the pending area), with the reason and each task's quota state.
 */
public final class ProviderHealthCheck extends AbstractHealthCheck {

    private final String provider;
    private final ProviderCircuits circuits;
    private final List<QuotaGate> gates;

    public ProviderHealthCheck(String provider, ProviderCircuits circuits, List<QuotaGate> gates) {
        super("captionrelay", "provider-" + provider);
        this.provider = provider;
        this.circuits = circuits;
        this.gates = List.copyOf(gates);
    }

    @Override
    public boolean isLiveness() {
        return false; // a stopped provider does not make the process unhealthy, only not ready for it
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("provider", provider);
        for (QuotaGate gate : gates) {
            builder.detail(gate.task() + ".quota.available", gate.available());
            builder.detail(gate.task() + ".waiting.for.slot", gate.waitingForSlot());
        }
        String why = circuits.openCircuits().get(provider);
        if (why != null) {
            builder.detail("circuit", "open");
            circuits.nextProbeIn(provider).ifPresent(in -> builder.detail("circuit.next.probe.seconds", in.toSeconds()));
            builder.message(provider + " is stopped: " + why);
            builder.down();
        } else {
            builder.detail("circuit", "closed");
            builder.up();
        }
    }
}
