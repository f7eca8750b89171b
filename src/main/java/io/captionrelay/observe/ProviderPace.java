package io.captionrelay.observe;

import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaLimit;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Each remote task's calls in its quota's own windows, counted from the send log (every instance sharing
 * the key included), and what waits: "apiverve 5 of 5/1m, 37 of 300/1h; 12 waiting for quota, next
 * call in 41 s; 0 waiting for a slot".
 */
public final class ProviderPace implements Supplier<String> {

    private final List<QuotaGate> gates;

    public ProviderPace(List<QuotaGate> gates) {
        this.gates = List.copyOf(gates);
    }

    @Override
    public String get() {
        StringJoiner line = new StringJoiner(" | ");
        for (QuotaGate gate : gates) {
            if (gate.limits().isEmpty()) {
                continue;
            }
            StringJoiner limits = new StringJoiner(", ");
            try {
                for (QuotaLimit limit : gate.limits()) {
                    limits.add(gate.sentWithin(limit.period()) + " of " + limit.calls() + "/" + period(limit.period()));
                }
            } catch (RuntimeException logUnavailable) { // a shared log whose database is down: say so, keep reporting
                limits.add("calls unknown (" + logUnavailable.getMessage() + ")");
            }
            String waiting = gate.nextTryIn().map(in -> "; " + gate.waitingForQuota() + " waiting for quota, next call in "
                    + seconds(in)).orElse("");
            line.add(gate.task() + " " + limits + waiting + "; " + gate.waitingForSlot() + " waiting for a slot");
        }
        return line.toString();
    }

    /** True while some call waits for room in a quota (a shared key used by another instance, say). */
    public boolean anyWaitingForQuota() {
        return gates.stream().anyMatch(gate -> gate.waitingForQuota() > 0);
    }

    private static String period(Duration period) {
        long ms = period.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }
}
