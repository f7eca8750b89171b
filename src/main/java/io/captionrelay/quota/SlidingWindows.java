package io.captionrelay.quota;

import java.time.Duration;
import java.util.List;

/**
 * The rule of a sliding log: a call may go now when, for every limit, the window of (period + margin)
 * ending now holds fewer calls than the limit. Exact for any phase of the provider's windows, so a key
 * may send its whole limit at once after a quiet spell, and the next call waits exactly until the oldest
 * one in the window is (period + margin) old.
 */
final class SlidingWindows {

    private SlidingWindows() {
    }

    /**
     * @param sent send times in nanoseconds, oldest first (older ones than the longest window may be there)
     * @return 0 when a call may go at {@code now}, else the nanoseconds until it may
     */
    static long wait(long[] sent, int count, long now, List<QuotaLimit> limits, Duration margin) {
        long wait = 0;
        for (QuotaLimit limit : limits) {
            long window = limit.period().plus(margin).toNanos();
            int first = firstInside(sent, count, now - window);
            int inside = count - first;
            if (inside >= limit.calls()) {
                // the call at first + (inside - calls) must leave the window before one more fits
                long leaves = sent[first + (int) (inside - limit.calls())] + window;
                wait = Math.max(wait, leaves - now);
            }
        }
        return wait;
    }

    /** How many more calls every limit allows at {@code now}: the smallest room of any window. */
    static long room(long[] sent, int count, long now, List<QuotaLimit> limits, Duration margin) {
        long room = Long.MAX_VALUE;
        for (QuotaLimit limit : limits) {
            room = Math.min(room, limit.calls() - countAfter(sent, count, now - limit.period().plus(margin).toNanos()));
        }
        return Math.max(0, room);
    }

    /** The longest window of {@code limits}: older calls no longer matter. */
    static Duration longest(List<QuotaLimit> limits, Duration margin) {
        return limits.stream().map(QuotaLimit::period).max(Duration::compareTo).orElse(Duration.ZERO).plus(margin);
    }

    /** Calls sent after {@code since}. */
    static int countAfter(long[] sent, int count, long since) {
        return count - firstInside(sent, count, since);
    }

    private static int firstInside(long[] sent, int count, long after) {
        int i = 0;
        while (i < count && sent[i] <= after) {
            i++;
        }
        return i;
    }
}
