package io.captionrelay.quota;

import io.captionrelay.model.KeyMask;
import io.captionrelay.model.Secret;
import java.time.Duration;

/**
 * One key: the name of its send log, and what the provider last said about it: at most
 * {@code providerAllows} more calls until {@code providerUntil}.
 */
final class KeyQuota {
    final Secret key;
    final String logName;
    private long providerAllows;
    private long providerUntil = Long.MIN_VALUE;
    private long logRoom = Long.MAX_VALUE;

    KeyQuota(Secret key, String logName) {
        this.key = key;
        this.logName = logName;
    }

    /** Nanoseconds until the provider allows this key another call; 0 when it does now. */
    synchronized long providerWait(long now) {
        return now < providerUntil && providerAllows <= 0 ? providerUntil - now : 0;
    }

    /** A call was granted; the log then had room for {@code logRoom} more. */
    synchronized void sent(long logRoom) {
        providerAllows--;
        this.logRoom = logRoom;
    }

    /** True when the log, as of this key's last grant here, allowed no more calls than {@code remaining}. */
    synchronized boolean logAsStrict(long remaining) {
        return logRoom <= remaining;
    }

    /** A pause already running is never shortened by a later, more generous word. */
    synchronized void providerAllows(long calls, Duration until) {
        long end = System.nanoTime() + until.toNanos();
        boolean paused = providerAllows <= 0 && providerUntil > System.nanoTime();
        if (paused && calls > 0) {
            return;
        }
        providerAllows = calls;
        providerUntil = paused ? Math.max(providerUntil, end) : end;
    }

    String name() {
        return KeyMask.fingerprint(key);
    }
}
