package io.captionrelay.quota;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Send times in this process only: right when one instance uses a key. */
public final class MemorySendLog implements SendLog {

    private final ConcurrentMap<String, Times> keys = new ConcurrentHashMap<>();

    @Override
    public Attempt trySend(String key, List<QuotaLimit> limits, Duration margin) {
        return times(key).trySend(limits, margin, true);
    }

    @Override
    public long waitFor(String key, List<QuotaLimit> limits, Duration margin) {
        return times(key).trySend(limits, margin, false).waitNanos();
    }

    @Override
    public void movedLater(String key, long sentAt, long byNanos) {
        times(key).move(sentAt, sentAt + byNanos);
    }

    @Override
    public long sentWithin(String key, Duration window) {
        return times(key).sentWithin(window);
    }

    private Times times(String key) {
        return keys.computeIfAbsent(key, k -> new Times());
    }

    /** One key's send times (System.nanoTime), oldest first. */
    private static final class Times {
        private long[] sent = new long[8];
        private int count;

        synchronized Attempt trySend(List<QuotaLimit> limits, Duration margin, boolean record) {
            long now = System.nanoTime();
            prune(now - SlidingWindows.longest(limits, margin).toNanos());
            long wait = SlidingWindows.wait(sent, count, now, limits, margin);
            if (wait == 0 && record) {
                if (count == sent.length) {
                    sent = Arrays.copyOf(sent, count * 2);
                }
                sent[count++] = now;
            }
            return new Attempt(wait, now, SlidingWindows.room(sent, count, now, limits, margin));
        }

        /** Moves the record at {@code from} to {@code to}, keeping the times in order. */
        synchronized void move(long from, long to) {
            int at = count - 1;
            while (at >= 0 && sent[at] != from) {
                at--;
            }
            if (at < 0) {
                return; // pruned meanwhile
            }
            while (at + 1 < count && sent[at + 1] < to) {
                sent[at] = sent[at + 1];
                at++;
            }
            sent[at] = to;
        }

        synchronized long sentWithin(Duration window) {
            return SlidingWindows.countAfter(sent, count, System.nanoTime() - window.toNanos());
        }

        private void prune(long before) {
            int old = count - SlidingWindows.countAfter(sent, count, before);
            if (old > 0) {
                System.arraycopy(sent, old, sent, 0, count - old);
                count -= old;
            }
        }
    }
}
