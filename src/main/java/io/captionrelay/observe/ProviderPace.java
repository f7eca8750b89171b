package io.captionrelay.observe;

import io.captionrelay.quota.QuotaGate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Each remote task's pace since the last progress line, beside its quota:
 * "imagedescriber 4.9 calls/min (quota 5/1m,300/1h; 12 waiting)".
 */
public final class ProviderPace implements Supplier<String> {

    private final RelayMetrics metrics;
    private final List<QuotaGate> gates;
    private final Map<String, String> quotas;
    private final Map<String, Long> lastCounts = new HashMap<>();
    private long lastNanos = System.nanoTime();

    public ProviderPace(RelayMetrics metrics, List<QuotaGate> gates, Map<String, String> quotas) {
        this.metrics = metrics;
        this.gates = List.copyOf(gates);
        this.quotas = Map.copyOf(quotas);
    }

    @Override
    public synchronized String get() {
        long now = System.nanoTime();
        double minutes = Math.max(1e-9, (now - lastNanos) / 60e9);
        lastNanos = now;
        Map<String, Long> counts = metrics.callCounts();
        StringJoiner line = new StringJoiner("; ");
        for (QuotaGate gate : gates) {
            String task = gate.task();
            if (!quotas.containsKey(task)) {
                continue;
            }
            long count = counts.getOrDefault(task, 0L);
            long delta = count - lastCounts.getOrDefault(task, 0L);
            lastCounts.put(task, count);
            line.add(String.format("%s %.1f calls/min (quota %s; %d waiting)", task, delta / minutes,
                    quotas.get(task).isEmpty() ? "none" : quotas.get(task), gate.waitingForSlot()));
        }
        return line.toString();
    }
}
