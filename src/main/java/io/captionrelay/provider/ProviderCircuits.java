package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.Secret;
import io.captionrelay.spend.BudgetReached;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a provider whose key was refused or whose credit ran out: every later call fails at
 * once with the same error class, so its images wait in the pending area instead of being failed.
 *
 * <p>Every {@code probeAfter} one call is let through as a probe ({@link #admit}). When a probe (or any
 * call) comes back with an answer, the circuit closes and the pending images are fed back; when the
 * provider refuses the probe again, the circuit stays open for another {@code probeAfter}. The pending
 * area offers one image per probe ({@link #wantsProbeImage}), so a probe is made even when no new
 * image arrives.
 */
public final class ProviderCircuits {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCircuits.class);

    private final ConcurrentMap<String, Open> open = new ConcurrentHashMap<>();
    private volatile Listener listener = new Listener() { };

    /** Told when this instance stops a provider or sees it answer again, to share that with other instances. */
    public interface Listener {
        default void stopped(String provider, RelayException why) {
        }

        default void answers(String provider) {
        }
    }
    private final long probeAfterNanos;
    private final LongSupplier clock;

    public ProviderCircuits(Duration probeAfter) {
        this(probeAfter, System::nanoTime);
    }

    ProviderCircuits(Duration probeAfter, LongSupplier nanoClock) {
        this.probeAfterNanos = probeAfter.toNanos();
        this.clock = nanoClock;
    }

    /** Throws when the provider is stopped; never lets a probe through (for steps that cost nothing, like polls). */
    public void check(String provider) throws RelayException {
        Open circuit = open.get(provider);
        if (circuit != null) {
            throw circuit.stopped(provider);
        }
    }

    /**
     * As {@link #check(String)}, for a call that already holds its share of a capped budget: a circuit opened only
     * because the budget is spent ({@link BudgetReached}) does not stop it.
     */
    public void check(String provider, boolean holdsBudget) throws RelayException {
        Open circuit = open.get(provider);
        if (circuit != null && !(holdsBudget && circuit.budget)) {
            throw circuit.stopped(provider);
        }
    }

    /**
     * Before a call: throws when the provider is stopped, unless this call is the probe its circuit is due.
     * @return true when this call is that probe (it must not be stopped by a later {@link #check})
     */
    public boolean admit(String provider) throws RelayException {
        Open circuit = open.get(provider);
        if (circuit == null) {
            return false;
        }
        if (circuit.takeProbe(clock.getAsLong(), probeAfterNanos)) {
            LOG.info("Provider {} has been stopped for a while ({}): one call goes out as a probe", provider, circuit.why.getMessage());
            return true;
        }
        throw circuit.stopped(provider);
    }

    /**
     * Stops the provider when the failure means calling again cannot help; a refused probe restarts the wait.
     * A call that failed only because the provider is stopped ({@link Stopped}) changes nothing: the circuit keeps
     * the provider's own words, so a reason never nests. Keys the provider quoted are masked first.
     */
    public void trip(String provider, RelayException refusal) {
        ErrorClass errorClass = refusal.errorClass();
        if (errorClass != ErrorClass.AUTH && errorClass != ErrorClass.OUT_OF_CREDIT || refusal instanceof Stopped) {
            return;
        }
        RelayException failure = refusal.withMessage(Secret.scrub(refusal.getMessage()));
        Open fresh = new Open(failure, refusal instanceof BudgetReached, clock.getAsLong());
        Open before = open.put(provider, fresh);
        listener.stopped(provider, failure);
        if (before == null) {
            LOG.error("Provider {} stopped: {}: {}. Its images wait in the pending area; a probe call is made every {} s ({}).",
                    provider, errorClass.label(), failure.getMessage(), probeAfterNanos / 1_000_000_000,
                    fresh.budget ? "they go on in the next period, or raise the cap in the budget file"
                            : "or fix the key or credit and restart");
        } else if (before.probed()) {
            LOG.warn("Provider {} still refuses: {}: {}; next probe in {} s", provider, errorClass.label(), failure.getMessage(),
                    probeAfterNanos / 1_000_000_000);
        }
    }

    /** A call got a real answer: the key and credit work (again). */
    public void answered(String provider) {
        answered(provider, true);
    }

    /**
     * A call got a real answer. A circuit opened because a budget is spent stays open unless this call was its
     * probe: calls that held their budget share answer after the cap was reached, and prove nothing.
     */
    public void answered(String provider, boolean probe) {
        Open circuit = open.get(provider);
        if (circuit != null && circuit.budget && !probe) {
            return;
        }
        if (open.remove(provider) != null) {
            LOG.warn("Provider {} answers again: its circuit is closed; its pending images go back into the pipeline", provider);
            listener.answers(provider);
        }
    }

    public void onChange(Listener listener) {
        this.listener = listener;
    }

    /**
     * Another instance stopped the provider: stops it here too, unless it is already stopped (not told to the listener).
     * @return true when this stopped it
     */
    public boolean stoppedElsewhere(String provider, RelayException why) {
        if (open.putIfAbsent(provider, new Open(why, why instanceof BudgetReached, clock.getAsLong())) != null) {
            return false;
        }
        LOG.error("Provider {} stopped by another instance: {}: {}. Its images wait in the pending area.", provider,
                why.errorClass().label(), why.getMessage());
        return true;
    }

    /** Another instance saw the provider answer again: closes its circuit here too (not told to the listener). */
    public void answersElsewhere(String provider) {
        if (open.remove(provider) != null) {
            LOG.warn("Provider {} answers again (seen by another instance): its circuit is closed", provider);
        }
    }

    /** Whether any provider is stopped at all. */
    public boolean anyOpen() {
        return !open.isEmpty();
    }

    public boolean isOpen(String provider) {
        return open.containsKey(provider);
    }

    /**
     * Whether the pending area should offer an image of {@code provider} now: always when its circuit is
     * closed; when it is open, one image per probe period, just as a probe falls due.
     */
    public boolean wantsProbeImage(String provider) {
        Open circuit = open.get(provider);
        return circuit == null || circuit.takeOffer(clock.getAsLong(), probeAfterNanos);
    }

    /** How long until the stopped provider's next probe may go out; empty when it is not stopped. */
    public java.util.Optional<Duration> nextProbeIn(String provider) {
        Open circuit = open.get(provider);
        return circuit == null ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofNanos(Math.max(0, circuit.nextProbe(probeAfterNanos) - clock.getAsLong())));
    }

    /** provider → why it is stopped, for health and status output. */
    public Map<String, String> openCircuits() {
        Map<String, String> states = new TreeMap<>();
        open.forEach((provider, why) -> states.put(provider, why.why.errorClass().label() + ": " + why.why.getMessage()));
        return states;
    }

    /** An open circuit: why, and when it last let a probe through and last asked the pending area for an image. */
    private static final class Open {
        final RelayException why;
        /** Opened because a budget is spent, not because the provider refused. */
        final boolean budget;
        private long lastProbe;
        private long lastOffer;
        private boolean probed;

        Open(RelayException why, boolean budget, long now) {
            this.why = why;
            this.budget = budget;
            this.lastProbe = now;
            this.lastOffer = now;
        }

        synchronized boolean takeProbe(long now, long probeAfter) {
            if (now - lastProbe < probeAfter) {
                return false;
            }
            lastProbe = now;
            probed = true;
            return true;
        }

        synchronized boolean takeOffer(long now, long probeAfter) {
            if (now - lastProbe < probeAfter || now - lastOffer < probeAfter) {
                return false;
            }
            lastOffer = now;
            return true;
        }

        synchronized long nextProbe(long probeAfter) {
            return lastProbe + probeAfter;
        }

        synchronized boolean probed() {
            return probed;
        }

        RelayException stopped(String provider) {
            return new Stopped(why.errorClass(), provider + " is stopped (" + why.getMessage() + ")");
        }
    }

    /** A call not made because its provider is stopped: the image waits; the circuit is not tripped again. */
    public static final class Stopped extends RelayException {
        Stopped(ErrorClass errorClass, String message) {
            super(errorClass, message);
        }
    }
}
