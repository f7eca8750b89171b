package io.captionrelay.quota;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.Secret;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a provider task's calls through only when one of its keys has room under every one of its
 * limits, and no more than a set number at once. Each key holds a Bucket4j bucket with one bandwidth
 * per limit (5 a minute, 300 an hour) and one that paces the calls evenly: one call per
 * (period + margin) / calls of the tightest limit. Pacing is what keeps a key inside a provider's
 * windows whatever their phase: a burst refilled at our period's start can meet the previous period's
 * late calls inside one provider window, evenly spaced calls cannot (any window of a limit's period
 * holds at most its number of calls, as long as network jitter stays under the margin).
 *
 * <p>Waiting holds no thread: {@link #acquire()} returns a future, re-checked when the bucket says a
 * token will be there. Several keys form a pool, used in turn as each has room. The provider's own
 * word wins over the bucket: a rate-limit answer pauses its key ({@link #pause}), and a reported
 * count of calls left until its window resets caps what the key may still send before then ({@link #observe}).
 */
public final class QuotaGate {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaGate.class);

    private final String task;
    private final List<KeyQuota> keys;
    private final AsyncPermits inFlight;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger next = new AtomicInteger();
    private final java.util.Queue<CompletableFuture<Lease>> waiters = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final java.util.concurrent.Executor handOff;
    private final int limitCount;

    /**
     * @param limits  every limit of one key; a period is stretched by {@code margin} so that network jitter
     *                never lets two periods' calls reach the provider inside one of its windows
     * @param keys    the key pool; an empty list stands for a provider without a key
     */
    public QuotaGate(String task, List<QuotaLimit> limits, Duration margin, List<Secret> keys, int maxInFlight,
                     BucketStore store, ScheduledExecutorService scheduler) {
        this(task, limits, margin, keys, maxInFlight, store, scheduler, Runnable::run);
    }

    /** @param granted where granted calls continue (their HTTP call runs there): never the scheduler's thread */
    public QuotaGate(String task, List<QuotaLimit> limits, Duration margin, List<Secret> keys, int maxInFlight,
                     BucketStore store, ScheduledExecutorService scheduler, java.util.concurrent.Executor granted) {
        this.task = task;
        this.inFlight = new AsyncPermits(maxInFlight);
        this.scheduler = scheduler;
        this.handOff = granted;
        BucketConfiguration configuration = limits.isEmpty() ? null : configuration(limits, margin);
        List<Secret> pool = keys.isEmpty() ? java.util.Collections.singletonList(null) : keys;
        String version = limits.isEmpty() ? "" : version(limits, margin);
        this.limitCount = limits.size();
        this.keys = pool.stream().map(key -> new KeyQuota(key, configuration == null ? null
                : () -> store.bucket(task + ":" + fingerprint(key) + ":" + version, configuration))).toList();
    }

    /** Completes, without holding a thread meanwhile, when a call may go out; the lease says with which key. */
    public CompletableFuture<Lease> acquire() {
        return inFlight.acquire().thenCompose(permit -> {
            CompletableFuture<Lease> lease = new CompletableFuture<>();
            waiters.add(lease);
            drain();
            return lease;
        });
    }

    /**
     * Hands out tokens to waiters in arrival order, one bucket call at a time: waking every waiter at a
     * refill would have them all query the bucket (a database row when shared) at once, and spread the
     * granted calls over more time than the quota margin. Granted waiters continue on the executor.
     * A drain asked for while another runs (a new waiter, a scheduled wake-up) is never dropped: the
     * running one goes round again ({@code drainRequests} counts what it has not yet seen).
     */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int seen = 1;
        do {
            drainOnce();
            seen = drainRequests.addAndGet(-seen);
        } while (seen != 0);
    }

    /** Grants waiters until the queue is empty or the next grant must wait; then a wake-up is scheduled. */
    private void drainOnce() {
        CompletableFuture<Lease> next;
        while ((next = waiters.peek()) != null) {
            if (next.isDone()) {
                waiters.poll();
                continue;
            }
            long wait = tryTake(next);
            if (wait > 0) {
                scheduler.schedule(() -> granted(this::drain), wait, TimeUnit.NANOSECONDS);
                return;
            }
            waiters.poll();
        }
    }

    /** The provider said "too many": that key gets nothing more for {@code wait}. */
    public void pause(Secret key, Duration wait) {
        KeyQuota quota = quotaOf(key);
        quota.providerAllows(0, wait);
        LOG.info("{}: rate limited by the provider; key {} paused for {} ms", task, quota.name(), wait.toMillis());
    }

    /**
     * The provider said how many calls it still allows until its window resets: the key sends no more
     * than that before the reset (none at all when it says none are left), whatever its bucket holds.
     */
    public void observe(Secret key, long remaining, Duration untilReset) {
        quotaOf(key).providerAllows(Math.max(0, remaining), untilReset);
        if (remaining <= 0) {
            LOG.debug("{}: the provider says no call is left in its window; key {} waits {} ms", task, quotaOf(key).name(),
                    untilReset.toMillis());
        }
    }

    public String task() {
        return task;
    }

    /** Calls waiting for a free in-flight slot (not counting those waiting for a token). */
    public int waitingForSlot() {
        return inFlight.waiting();
    }

    /** Calls the tightest limit still allows now, summed over the pool (what the buckets hold, pacing aside). */
    public long available() {
        long sum = 0;
        for (KeyQuota quota : keys) {
            Bucket bucket = quota.bucket();
            if (bucket == null) {
                return Long.MAX_VALUE;
            }
            long[] perLimit = bucket.asVerbose().getAvailableTokens().getDiagnostics().getAvailableTokensPerEachBandwidth();
            sum += java.util.Arrays.stream(perLimit, 0, limitCount).min().orElse(0);
        }
        return sum;
    }

    /** Runs a drain woken by the scheduler off the scheduler's thread, where grants may continue synchronously. */
    private void granted(Runnable drain) {
        handOff.execute(drain);
    }

    /** Tries every key once for {@code lease}; 0 when it was granted (or failed), else the nanoseconds to wait. */
    private long tryTake(CompletableFuture<Lease> lease) {
        try {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            int start = Math.floorMod(next.getAndIncrement(), keys.size());
            for (int i = 0; i < keys.size(); i++) {
                KeyQuota quota = keys.get((start + i) % keys.size());
                long providerWait = quota.providerWait(now);
                if (providerWait > 0) {
                    wait = Math.min(wait, providerWait);
                    continue;
                }
                Bucket bucket = quota.bucket();
                ConsumptionProbe probe = bucket == null ? null : bucket.tryConsumeAndReturnRemaining(1);
                if (probe == null || probe.isConsumed()) {
                    quota.sent();
                    Lease granted = new Lease(quota.key);
                    handOff.execute(() -> lease.complete(granted));
                    return 0;
                }
                wait = Math.min(wait, probe.getNanosToWaitForRefill());
            }
            return Math.max(wait, 1_000_000);
        } catch (RuntimeException storeDown) {
            inFlight.release();
            RelayException failure = new RelayException(ErrorClass.TRANSIENT,
                    task + ": the quota store cannot be reached (" + storeDown.getMessage() + ")", storeDown);
            handOff.execute(() -> lease.completeExceptionally(failure));
            return 0;
        }
    }

    private KeyQuota quotaOf(Secret key) {
        return keys.stream().filter(k -> k.key == key).findFirst().orElseThrow(() -> new IllegalArgumentException("not a key of " + task));
    }

    private static BucketConfiguration configuration(List<QuotaLimit> limits, Duration margin) {
        var builder = BucketConfiguration.builder();
        for (QuotaLimit limit : limits) {
            builder.addLimit(Bandwidth.builder().capacity(limit.calls())
                    .refillIntervally(limit.calls(), limit.period().plus(margin)).build());
        }
        builder.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing(limits, margin)).build());
        return builder.build();
    }

    /** The time between two calls of one key: the tightest limit's (period + margin) / calls. */
    static Duration spacing(List<QuotaLimit> limits, Duration margin) {
        return limits.stream().map(limit -> limit.period().plus(margin).dividedBy(limit.calls()))
                .max(Duration::compareTo).orElseThrow();
    }

    /** Names a configuration, so that a changed quota never keeps using a shared bucket made for the old one. */
    private static String version(List<QuotaLimit> limits, Duration margin) {
        return Integer.toHexString((limits.toString() + "+" + margin.toMillis()).hashCode());
    }

    /** Buckets are named by a hash of the key: every instance sharing a key shares its bucket, and no key is stored. */
    static String fingerprint(Secret key) {
        if (key == null) {
            return "no-key";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One key's bucket, made at the key's first call (its refill periods count from then), and what the
     * provider last said about the key: at most {@code providerAllows} more calls until {@code providerUntil}.
     */
    private static final class KeyQuota {
        final Secret key;
        private final java.util.function.Supplier<Bucket> factory;
        private volatile Bucket bucket;
        private long providerAllows;
        private long providerUntil = Long.MIN_VALUE;

        KeyQuota(Secret key, java.util.function.Supplier<Bucket> factory) {
            this.key = key;
            this.factory = factory;
        }

        Bucket bucket() {
            if (bucket == null && factory != null) {
                synchronized (this) {
                    if (bucket == null) {
                        bucket = factory.get();
                    }
                }
            }
            return bucket;
        }

        /** Nanoseconds until the provider allows this key another call; 0 when it does now. */
        synchronized long providerWait(long now) {
            return now < providerUntil && providerAllows <= 0 ? providerUntil - now : 0;
        }

        synchronized void sent() {
            providerAllows--;
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
            return fingerprint(key);
        }
    }

    /** A granted call: the key to use, and the in-flight slot to give back when the call is over. */
    public final class Lease {
        private final Secret key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Secret key) {
            this.key = key;
        }

        public Secret key() {
            return key;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                inFlight.release();
            }
        }
    }
}
