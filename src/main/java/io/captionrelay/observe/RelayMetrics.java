package io.captionrelay.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * CaptionRelay's own meters, exported for Prometheus with Camel's (at {@code /observe/metrics} on the
 * management port): provider calls by task and outcome, call latency, time waited for quota, credits
 * left per key where a provider reports them, credits spent per task and key this day and month, and
 * whether a provider's circuit is open. It also keeps each
 * task's call count for the pace shown in progress lines.
 */
public final class RelayMetrics {

    private final Supplier<MeterRegistry> registry;
    private volatile MeterRegistry resolved;
    private final ConcurrentMap<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> credits = new ConcurrentHashMap<>();

    /** @param registry Camel's meter registry, looked up when first needed (it may be bound after us) */
    public RelayMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** A provider call ended: {@code outcome} is "ok" or an error class label. */
    public void call(String task, String outcome, Duration latency) {
        calls.computeIfAbsent(task, t -> new LongAdder()).increment();
        Counter.builder("captionrelay.provider.calls").description("Provider calls by task and outcome")
                .tag("task", task).tag("outcome", outcome).register(registry()).increment();
        Timer.builder("captionrelay.provider.latency").description("Provider call latency")
                .tag("task", task).register(registry()).record(latency);
    }

    /** A call was sent and got no answer (timeout, dropped connection): the provider may have charged it. */
    public void ambiguousCall(String task) {
        Counter.builder("captionrelay.provider.ambiguous.calls")
                .description("Provider calls sent that got no answer (the provider may have charged them)")
                .tag("task", task).register(registry()).increment();
    }

    public void quotaWait(String task, Duration waited) {
        Timer.builder("captionrelay.quota.wait").description("Time a call waited for its quota gate")
                .tag("task", task).register(registry()).record(waited);
    }

    /** Credits the provider says are left on a key (named by its fingerprint, never the key). */
    public void creditsRemaining(String task, String key, long remaining) {
        credits.computeIfAbsent(task + " " + key, name -> {
            AtomicLong value = new AtomicLong();
            registry().gauge("captionrelay.provider.credits.remaining", java.util.List.of(
                    io.micrometer.core.instrument.Tag.of("task", task), io.micrometer.core.instrument.Tag.of("key", key)), value);
            return value;
        }).set(remaining);
    }

    /** Credits a task spent with a key (its fingerprint) in the current UTC {@code period}, day or month. */
    public void spendGauge(String task, String key, String period, Supplier<Number> credits) {
        io.micrometer.core.instrument.Gauge.builder("captionrelay.spend.credits", () -> credits.get().doubleValue())
                .description("Credits spent in the current UTC day or month, by task and key fingerprint")
                .tag("task", task).tag("key", key).tag("period", period).register(registry());
    }

    /** 1 while the provider's circuit is open (calls stopped), else 0. */
    public void circuitGauge(String provider, Supplier<Boolean> open) {
        io.micrometer.core.instrument.Gauge.builder("captionrelay.provider.circuit.open", () -> open.get() ? 1 : 0)
                .description("1 while the provider is stopped (refused key, no credit)")
                .tag("provider", provider).register(registry());
    }

    /** Calls per task since start, for progress lines. */
    public Map<String, Long> callCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        calls.forEach((task, adder) -> counts.put(task, adder.sum()));
        return counts;
    }

    private MeterRegistry registry() {
        MeterRegistry r = resolved;
        if (r == null) {
            r = registry.get();
            resolved = r = r != null ? r : new SimpleMeterRegistry();
        }
        return r;
    }
}
