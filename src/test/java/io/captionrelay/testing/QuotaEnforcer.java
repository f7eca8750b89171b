package io.captionrelay.testing;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;

/**
 * A WireMock extension that makes a stub behave like a provider enforcing quotas: fixed windows
 * (counted from the stub's start, as providers count from their own clock), each allowing so many
 * calls; a call over any limit is answered 429 with {@code Retry-After}. Every answer carries
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} for the tightest window. Time-scaled
 * windows are seconds standing in for minutes, so the reset is given in seconds to the millisecond
 * ({@code 0.153}): whole seconds here would be as coarse as a real provider saying "within a minute".
 * It counts what it accepted and refused, so tests and benchmarks can report utilisation.
 */
public final class QuotaEnforcer implements ResponseDefinitionTransformerV2 {

    /** At most {@code calls} per {@code period}. */
    public record Window(long calls, Duration period) {
    }

    private final List<Window> windows;
    private final long[] windowIndex;
    private final long[] usedInWindow;
    private final long start = System.nanoTime();
    private long accepted;
    private long refused;
    private long firstAccepted;
    private long lastAccepted;
    /** Calls accepted in each window of the longest period, by window number. */
    private final java.util.TreeMap<Long, Long> acceptedByLongWindow = new java.util.TreeMap<>();

    public QuotaEnforcer(List<Window> windows) {
        this.windows = List.copyOf(windows);
        this.windowIndex = new long[windows.size()];
        this.usedInWindow = new long[windows.size()];
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        long now = System.nanoTime() - start;
        long tightestRemaining = Long.MAX_VALUE;
        long resetNanos = 0;
        boolean allowed = true;
        for (int i = 0; i < windows.size(); i++) {
            long period = windows.get(i).period().toNanos();
            long index = now / period;
            if (index != windowIndex[i]) {
                windowIndex[i] = index;
                usedInWindow[i] = 0;
            }
            if (usedInWindow[i] >= windows.get(i).calls()) {
                allowed = false;
            }
        }
        for (int i = 0; i < windows.size(); i++) {
            long period = windows.get(i).period().toNanos();
            if (allowed) {
                usedInWindow[i]++;
            }
            long remaining = windows.get(i).calls() - usedInWindow[i];
            if (remaining < tightestRemaining || (remaining == tightestRemaining && !allowed)) {
                tightestRemaining = remaining;
                resetNanos = (windowIndex[i] + 1) * period - now;
            }
        }
        long resetSeconds = Math.max(1, (resetNanos + 999_999_999) / 1_000_000_000);
        String reset = java.math.BigDecimal.valueOf((resetNanos + 999_999) / 1_000_000, 3).toPlainString();
        if (!allowed) {
            refused++;
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                    .withHeader("Retry-After", Long.toString(resetSeconds))
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", reset)
                    .withBody("{\"status\":\"error\",\"error\":\"rate limit exceeded\"}").build();
        }
        accepted++;
        if (accepted == 1) {
            firstAccepted = now;
        }
        lastAccepted = now;
        acceptedByLongWindow.merge(windowIndex[longest()], 1L, Long::sum);
        return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                .withHeader("X-RateLimit-Remaining", Long.toString(Math.max(0, tightestRemaining)))
                .withHeader("X-RateLimit-Reset", reset).build();
    }

    private int longest() {
        int longest = 0;
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i).period().compareTo(windows.get(longest).period()) > 0) {
                longest = i;
            }
        }
        return longest;
    }

    /**
     * Utilisation of the longest window while the client was saturating it: calls accepted in the
     * windows strictly between the first and the last one that saw a call, over what those allowed.
     * NaN when the run did not span three windows.
     */
    public synchronized double steadyUtilisation() {
        if (acceptedByLongWindow.size() < 3) {
            return Double.NaN;
        }
        long first = acceptedByLongWindow.firstKey();
        long last = acceptedByLongWindow.lastKey();
        long calls = acceptedByLongWindow.subMap(first, false, last, false).values().stream().mapToLong(Long::longValue).sum();
        return (double) calls / ((last - first - 1) * windows.get(longest()).calls());
    }

    /**
     * Utilisation from the first accepted call to the last: calls accepted over what the longest window's
     * rate allowed in that time (plus the last call's own share of it). Edge windows count only as far
     * as the run reached into them.
     */
    public synchronized double runUtilisation() {
        Window longest = windows.get(longest());
        double perNano = (double) longest.calls() / longest.period().toNanos();
        return accepted / ((lastAccepted - firstAccepted) * perNano + 1);
    }

    public synchronized long accepted() {
        return accepted;
    }

    public synchronized long refused() {
        return refused;
    }

    /** Seconds since the stub started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public String getName() {
        return "quota-enforcer";
    }
}
