package io.captionrelay.quota;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.KeyMask;
import io.captionrelay.model.Secret;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a provider task's calls through only when one of its keys has room under every one of its
 * limits, and no more than a set number at once. Each key's real send times are kept in a {@link SendLog}
 * (a sliding log): a call may go when every window of (period + margin) ending now holds fewer calls than
 * its limit (5 a minute, 300 an hour). A key idle for a while sends its whole limit at once; the next call
 * waits until the oldest is a period and a margin old. A call is recorded when it is granted, and it is
 * granted immediately before its request goes on the wire (the routes prepare and shape it first), so
 * any provider window of a limit's period sees at most its calls as long as the time from grant to
 * arrival varies by less than the margin.
 *
 * <p>Waiting holds no thread: {@link #acquire()} returns a future, re-checked when the log says a call
 * will fit. Several keys form a pool, used in turn as each has room. The provider's own word wins over
 * the log: a rate-limit answer pauses its key ({@link #pause}), and a reported count of calls left until
 * its window resets caps what the key may still send before then ({@link #observe}).
 */
public final class QuotaGate {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaGate.class);

    private final String task;
    private final List<KeyQuota> keys;
    private final AsyncPermits inFlight;
    private final AtomicInteger next = new AtomicInteger();
    private final GrantQueue<QuotaLease> waiters;
    private final Executor handOff;

    private final List<QuotaLimit> limits;
    private final Duration margin;
    private final SendLog log;
    /** Told of every pause the provider asked for here (its key's log name and the wait), to share it with other instances. */
    private volatile BiConsumer<String, Duration> pauseListener = (logName, wait) -> { };

    /**
     * @param limits  every limit of one key; a period is stretched by {@code margin} so that network jitter
     *                never lets two periods' calls reach the provider inside one of its windows
     * @param keys    the key pool; an empty list stands for a provider without a key
     */
    public QuotaGate(String task, List<QuotaLimit> limits, Duration margin, List<Secret> keys, int maxInFlight,
                     SendLog log, ScheduledExecutorService scheduler) {
        this(task, limits, margin, keys, maxInFlight, log, scheduler, Runnable::run);
    }

    /** @param granted where granted calls continue (their HTTP call runs there): never the scheduler's thread */
    public QuotaGate(String task, List<QuotaLimit> limits, Duration margin, List<Secret> keys, int maxInFlight,
                     SendLog log, ScheduledExecutorService scheduler, Executor granted) {
        this.task = task;
        this.inFlight = new AsyncPermits(maxInFlight);
        this.handOff = granted;
        this.waiters = new GrantQueue<>(this::tryTake, scheduler, granted);
        this.limits = List.copyOf(limits);
        this.margin = margin;
        this.log = log;
        List<Secret> pool = keys.isEmpty() ? Collections.singletonList(null) : keys;
        // named by task and key only: past sends are facts, still counted after the quota's settings change
        this.keys = pool.stream().map(key -> new KeyQuota(key, task + ":" + KeyMask.fingerprint(key))).toList();
    }

    /** Where granted calls continue. */
    public Executor grantedOn() {
        return handOff;
    }

    /** Completes, without holding a thread meanwhile, when a call may go out; the lease says with which key. */
    public CompletableFuture<QuotaLease> acquire() {
        return inFlight.acquire().thenCompose(permit -> {
            CompletableFuture<QuotaLease> lease = new CompletableFuture<>();
            waiters.add(lease);
            return lease;
        });
    }

    /** The provider said "too many": that key gets nothing more for {@code wait}. */
    public void pause(Secret key, Duration wait) {
        KeyQuota quota = quotaOf(key);
        quota.providerAllows(0, wait);
        LOG.info("{}: rate limited by the provider; key {} paused for {} ms", task, quota.name(), wait.toMillis());
        pauseListener.accept(quota.logName, wait);
    }

    /** Who is told of the pauses the provider asks for here ({@link #pause}): the key's log name and the wait. */
    public void onPause(BiConsumer<String, Duration> listener) {
        this.pauseListener = listener;
    }

    /**
     * Another instance sharing the key was told to pause it: the key of that log name (if it is one of this gate's)
     * gets nothing more for {@code wait}. Not told to the listener again.
     */
    public void pausedElsewhere(String logName, Duration wait) {
        for (KeyQuota quota : keys) {
            if (quota.logName.equals(logName) && quota.providerWait(System.nanoTime()) == 0) {
                quota.providerAllows(0, wait);
                LOG.info("{}: key {} paused for {} ms: another instance was rate limited with it", task, quota.name(), wait.toMillis());
            }
        }
    }

    /**
     * The provider said how many calls it still allows until its window resets: the key sends no more
     * than that before the reset (none at all when it says none are left), whatever its log holds.
     */
    public void observe(Secret key, long remaining, Duration untilReset) {
        observe(key, remaining, untilReset, untilReset);
    }

    /**
     * As {@link #observe(Secret, long, Duration)} for a reset known only to lie between {@code earliest} and
     * {@code latest} (a reset in whole seconds; OpenAI's time until the window is full again): when none is
     * left, the key waits until its own log frees a call, kept within those bounds, rather than the
     * whole upper bound. When the log has room while the provider says none is left, the provider wins
     * and the key waits until {@code latest}. A count no smaller than the room the log left at this key's
     * last grant changes nothing: the log already holds the key as tightly (calls in flight included).
     */
    public void observe(Secret key, long remaining, Duration earliest, Duration latest) {
        KeyQuota quota = quotaOf(key);
        if (remaining > 0 && !limits.isEmpty() && quota.logAsStrict(remaining)) {
            return; // the log holds the key at least as tightly; a reset rounded up would only stall it
        }
        Duration until = latest;
        if (remaining <= 0 && earliest.compareTo(latest) < 0 && !limits.isEmpty()) {
            long own = log.waitFor(quota.logName, limits, margin);
            if (own > 0) {
                until = Duration.ofNanos(Math.min(latest.toNanos(), Math.max(earliest.toNanos(), own)));
            }
        }
        quota.providerAllows(Math.max(0, remaining), until);
        if (remaining <= 0) {
            LOG.debug("{}: the provider says no call is left in its window; key {} waits {} ms", task, quota.name(),
                    until.toMillis());
        }
    }

    /**
     * The key the next grant will most likely carry (the one whose turn it is), so that a request can be
     * shaped before its permit is taken; a grant with another key has the request shaped again.
     */
    public Secret likelyKey() {
        return keys.get(Math.floorMod(next.get(), keys.size())).key;
    }

    public String task() {
        return task;
    }

    /** Calls waiting for a free in-flight slot (not counting those waiting for a token). */
    public int waitingForSlot() {
        return inFlight.waiting();
    }

    /** Calls the tightest limit still allows now, summed over the pool (what the send log leaves room for). */
    public long available() {
        if (limits.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long sum = 0;
        for (KeyQuota quota : keys) {
            long room = Long.MAX_VALUE;
            for (QuotaLimit limit : limits) {
                room = Math.min(room, limit.calls() - log.sentWithin(quota.logName, limit.period().plus(margin)));
            }
            sum += Math.max(0, room);
        }
        return sum;
    }

    /** This task's limits, as configured. */
    public List<QuotaLimit> limits() {
        return limits;
    }

    /** Calls made with the pool's keys in the last {@code window}, by every instance sharing the log. */
    public long sentWithin(Duration window) {
        return limits.isEmpty() ? 0 : keys.stream().mapToLong(quota -> log.sentWithin(quota.logName, window)).sum();
    }

    /** Calls that have their in-flight slot and wait for room in the quota. */
    public int waitingForQuota() {
        return waiters.waiting();
    }

    /** How long until the first call waiting for quota is tried again; empty while none waits. */
    public Optional<Duration> nextTryIn() {
        return waiters.nextTryIn();
    }

    /** Tries every key once for {@code lease}; 0 when it was granted (or failed), else the nanoseconds to wait. */
    private long tryTake(CompletableFuture<QuotaLease> lease) {
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
                SendLog.Attempt attempt = limits.isEmpty() ? null : log.trySend(quota.logName, limits, margin);
                if (attempt == null || attempt.waitNanos() == 0) {
                    quota.sent(attempt == null ? Long.MAX_VALUE : attempt.roomAfter());
                    QuotaLease granted = new QuotaLease(quota, attempt == null ? 0 : attempt.sentAt(), this::sentLate, inFlight::release);
                    handOff.execute(() -> lease.complete(granted));
                    return 0;
                }
                wait = Math.min(wait, attempt.waitNanos());
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

    /** A granted call left {@code late} nanoseconds after its grant: its record in the log moves to now. */
    private void sentLate(KeyQuota quota, long sentAt, long late) {
        if (limits.isEmpty()) {
            return;
        }
        try {
            log.movedLater(quota.logName, sentAt, late);
            LOG.debug("{}: a call left {} ms after its grant; its record moved", task, late / 1_000_000);
        } catch (RuntimeException storeDown) {
            LOG.warn("{}: could not move a late call's record in the quota log ({})", task, storeDown.getMessage());
        }
    }

    private KeyQuota quotaOf(Secret key) {
        return keys.stream().filter(k -> k.key == key).findFirst().orElseThrow(() -> new IllegalArgumentException("not a key of " + task));
    }
}
