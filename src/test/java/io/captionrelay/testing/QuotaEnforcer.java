package io.captionrelay.testing;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;

/**
 * A WireMock extension that makes a stub behave like a provider enforcing quotas; a call over any limit
 * is answered 429 with {@code Retry-After} (whole seconds, rounded up). Two kinds:
 * <ul>
 *   <li>fixed windows ({@code new QuotaEnforcer(windows)}), counted from the stub's start, each allowing
 *       so many calls; every answer carries {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} for
 *       the tightest window, the reset in seconds to the millisecond ({@code 0.153});</li>
 *   <li>rolling windows ({@link #rolling}), the strict kind: any interval of a window's period holds at most
 *       its calls. Resets are sent as the documents say: APIVerve's {@code X-RateLimit-Reset} in whole seconds
 *       (rounded up) until the next call fits, or OpenAI's {@code x-ratelimit-remaining-requests} and
 *       {@code x-ratelimit-reset-requests}, a Go duration until the window is whole again.</li>
 * </ul>
 * It counts what it accepted and refused, so tests and benchmarks can report utilisation.
 */
public final class QuotaEnforcer implements ResponseDefinitionTransformerV2 {

    /** At most {@code calls} per {@code period}. */
    public record Window(long calls, Duration period) {
    }

    /** How a rolling-window stub tells its reset. */
    public enum Resets {
        /** {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} in whole seconds, as APIVerve documents. */
        APIVERVE_WHOLE_SECONDS,
        /** {@code x-ratelimit-remaining-requests} and {@code x-ratelimit-reset-requests} as Go durations, as OpenAI documents. */
        OPENAI_GO_DURATIONS
    }

    /** A stub enforcing rolling windows, telling its resets the way {@code resets} says. */
    public static QuotaEnforcer rolling(List<Window> windows, Resets resets) {
        return new QuotaEnforcer(windows, resets);
    }

    private final Resets rolling;
    /** Arrival times (nanoseconds since start) of the calls accepted, oldest first. */
    private final java.util.ArrayList<Long> acceptedAt = new java.util.ArrayList<>();
    private final java.util.ArrayList<Long> refusedAt = new java.util.ArrayList<>();

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
        this(windows, null);
    }

    private QuotaEnforcer(List<Window> windows, Resets rolling) {
        this.rolling = rolling;
        this.windows = List.copyOf(windows);
        this.windowIndex = new long[windows.size()];
        this.usedInWindow = new long[windows.size()];
    }

    private static final String WARM_UP = "/__warm-up";

    /**
     * Sends the stub a few requests it does not count, as a provider is warm before our first call: a cold
     * WireMock takes its first requests 100–200 ms late (class loading), which no client can foresee.
     */
    public static void warmUp(com.github.tomakehurst.wiremock.WireMockServer stub) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stub.baseUrl() + WARM_UP))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        if (event.getRequest().getUrl().startsWith(WARM_UP)) {
            return event.getResponseDefinition();
        }
        long now = System.nanoTime() - start;
        return rolling == null ? fixed(event, now) : rolling(event, now);
    }

    private ResponseDefinition rolling(ServeEvent event, long now) {
        long tightestRemaining = Long.MAX_VALUE;
        long nextFits = 0;
        long whole = 0;
        boolean allowed = true;
        for (Window window : windows) {
            long period = window.period().toNanos();
            int first = firstAfter(now - period);
            int inside = acceptedAt.size() - first;
            if (inside >= window.calls()) {
                allowed = false;
                nextFits = Math.max(nextFits, acceptedAt.get(first + (int) (inside - window.calls())) + period - now);
            }
        }
        if (allowed) {
            acceptedAt.add(now);
        }
        for (Window window : windows) {
            long period = window.period().toNanos();
            int first = firstAfter(now - period);
            long remaining = Math.max(0, window.calls() - (acceptedAt.size() - first));
            long untilWhole = first < acceptedAt.size() ? acceptedAt.get(acceptedAt.size() - 1) + period - now : 0;
            long untilOneFits = first < acceptedAt.size() ? acceptedAt.get(first) + period - now : 0; // the oldest leaves
            if (remaining < tightestRemaining) {
                tightestRemaining = remaining;
                whole = untilWhole;
                nextFits = allowed ? untilOneFits : nextFits;
            }
        }
        ResponseDefinitionBuilder answer = allowed ? ResponseDefinitionBuilder.like(event.getResponseDefinition())
                : ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                        .withHeader("Retry-After", Long.toString(Math.max(1, wholeSeconds(nextFits))))
                        .withBody("{\"status\":\"error\",\"error\":\"rate limit exceeded\"}");
        if (rolling == Resets.APIVERVE_WHOLE_SECONDS) {
            answer.withHeader("X-RateLimit-Remaining", Long.toString(tightestRemaining))
                    .withHeader("X-RateLimit-Reset", Long.toString(wholeSeconds(nextFits)));
        } else {
            answer.withHeader("x-ratelimit-remaining-requests", Long.toString(tightestRemaining))
                    .withHeader("x-ratelimit-reset-requests", goDuration(whole));
        }
        if (allowed) {
            accepted++;
            if (accepted == 1) {
                firstAccepted = now;
            }
            lastAccepted = now;
            acceptedByLongWindow.merge(now / windows.get(longest()).period().toNanos(), 1L, Long::sum);
        } else {
            refused++;
            refusedAt.add(now);
        }
        return answer.build();
    }

    private int firstAfter(long since) {
        int first = acceptedAt.size();
        while (first > 0 && acceptedAt.get(first - 1) > since) {
            first--;
        }
        return first;
    }

    private static long wholeSeconds(long nanos) {
        return (nanos + 999_999_999) / 1_000_000_000;
    }

    /** As Go's Duration.String() writes it: {@code 59.5ms}, {@code 1.2s}, {@code 6m0s}. */
    static String goDuration(long nanos) {
        if (nanos <= 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000) {
            return java.math.BigDecimal.valueOf(nanos / 1000, 3).stripTrailingZeros().toPlainString() + "ms";
        }
        long minutes = nanos / 60_000_000_000L;
        String seconds = java.math.BigDecimal.valueOf((nanos % 60_000_000_000L) / 1_000_000, 3).stripTrailingZeros().toPlainString();
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    /** Arrival times of the refused calls, in seconds since the stub started. */
    public synchronized List<Double> refusedSeconds() {
        return refusedAt.stream().map(at -> at / 1e9).toList();
    }

    /** Arrival times of the accepted calls, in seconds since the stub started. */
    public synchronized List<Double> acceptedSeconds() {
        return acceptedAt.stream().map(at -> at / 1e9).toList();
    }

    private ResponseDefinition fixed(ServeEvent event, long now) {
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
