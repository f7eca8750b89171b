package io.captionrelay.provider;

import io.captionrelay.cluster.SharedSignals;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.quota.QuotaGate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares what providers tell one instance with every instance on the database ({@link SharedSignals}): a key paused
 * by a rate limit (subject {@code pause:<key's log name>}, until the pause ends) and a provider stopped by a refused
 * key or spent credit ({@code circuit:<provider>}, for a probe period, published again at every refused probe,
 * withdrawn when it answers). Every {@code intervalMs} the live signals are read and applied to the local quota gates
 * and circuits; a circuit opened that way closes when its signal is withdrawn or runs out.
 */
public final class SharedProviderFeedback extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SharedProviderFeedback.class);
    private static final String PAUSE = "pause:";
    private static final String CIRCUIT = "circuit:";

    private final CamelContext context;
    private final SharedSignals signals;
    private final ProviderCircuits circuits;
    private final List<QuotaGate> gates;
    private final Duration probeAfter;
    private final long intervalMs;
    private final Set<String> stoppedFromElsewhere = new HashSet<>();
    private ScheduledExecutorService timer;

    public SharedProviderFeedback(CamelContext context, SharedSignals signals, ProviderCircuits circuits, List<QuotaGate> gates,
                                  Duration probeAfter, long intervalMs) {
        this.context = context;
        this.signals = signals;
        this.circuits = circuits;
        this.gates = List.copyOf(gates);
        this.probeAfter = probeAfter;
        this.intervalMs = intervalMs;
    }

    @Override
    protected void doStart() {
        for (QuotaGate gate : gates) {
            gate.onPause((logName, wait) -> publish(PAUSE + logName, wait, ErrorClass.RATE_LIMITED, "rate limited by the provider"));
        }
        circuits.onChange(new ProviderCircuits.Listener() {
            @Override
            public void stopped(String provider, RelayException why) {
                publish(CIRCUIT + provider, probeAfter, why.errorClass(), why.getMessage());
            }

            @Override
            public void answers(String provider) {
                try {
                    signals.withdraw(CIRCUIT + provider);
                } catch (Exception e) {
                    LOG.warn("Could not tell the other instances that {} answers again: {}", provider, e.getMessage());
                }
            }
        });
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "provider-feedback");
        timer.scheduleWithFixedDelay(this::apply, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
    }

    private void publish(String subject, Duration wait, ErrorClass errorClass, String reason) {
        try {
            signals.publish(subject, System.currentTimeMillis() + wait.toMillis(), errorClass.label(), reason);
        } catch (Exception e) {
            LOG.warn("Could not tell the other instances about {}: {}", subject, e.getMessage());
        }
    }

    /** Reads the live signals and applies them here. */
    synchronized void apply() {
        try {
            Set<String> live = new HashSet<>();
            long now = System.currentTimeMillis();
            for (SharedSignals.Signal signal : signals.live()) {
                if (signal.subject().startsWith(PAUSE)) {
                    String logName = signal.subject().substring(PAUSE.length());
                    gates.forEach(gate -> gate.pausedElsewhere(logName, Duration.ofMillis(signal.untilMs() - now)));
                } else if (signal.subject().startsWith(CIRCUIT)) {
                    String provider = signal.subject().substring(CIRCUIT.length());
                    live.add(provider);
                    RelayException why = new RelayException(errorClass(signal.errorClass()), signal.reason());
                    if (circuits.stoppedElsewhere(provider, why)) {
                        stoppedFromElsewhere.add(provider);
                    }
                }
            }
            stoppedFromElsewhere.removeIf(provider -> {
                if (live.contains(provider)) {
                    return false;
                }
                circuits.answersElsewhere(provider);
                return true;
            });
        } catch (Exception e) {
            LOG.warn("Could not read what other instances learnt from the providers (tried again in {} ms): {}", intervalMs,
                    e.getMessage());
        }
    }

    private static ErrorClass errorClass(String label) {
        for (ErrorClass errorClass : ErrorClass.values()) {
            if (errorClass.label().equals(label)) {
                return errorClass;
            }
        }
        return ErrorClass.AUTH;
    }
}
