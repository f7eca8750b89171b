package io.captionrelay.quota;

import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * The calls of one {@link QuotaGate} waiting for quota, granted in arrival order, one log decision at a time:
 * waking every waiter at once would have them all query the log (a database row when shared) together, and
 * spread the granted calls over more time than the quota margin. When the first must wait, one wake-up is
 * scheduled. A drain asked for while another runs (a new waiter, a scheduled wake-up) is never dropped: the
 * running one goes round again ({@code drainRequests} counts what it has not yet seen).
 *
 * @param <T> what a granted waiter receives
 */
final class GrantQueue<T> {

    private final Queue<CompletableFuture<T>> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final ToLongFunction<CompletableFuture<T>> tryTake;
    private final ScheduledExecutorService scheduler;
    private final Executor handOff;
    /** When the first waiter is due to be tried again (System.nanoTime), or 0 while none waits. */
    private volatile long nextTry;

    /**
     * @param tryTake completes the waiter and answers 0, or answers the nanoseconds until it may be tried again
     * @param handOff where a scheduled drain runs: never the scheduler's thread
     */
    GrantQueue(ToLongFunction<CompletableFuture<T>> tryTake, ScheduledExecutorService scheduler, Executor handOff) {
        this.tryTake = tryTake;
        this.scheduler = scheduler;
        this.handOff = handOff;
    }

    void add(CompletableFuture<T> waiter) {
        waiters.add(waiter);
        drain();
    }

    int waiting() {
        return (int) waiters.stream().filter(waiter -> !waiter.isDone()).count();
    }

    /** How long until the first waiter is tried again; empty while none waits. */
    Optional<Duration> nextTryIn() {
        long at = nextTry;
        return at == 0 || waiting() == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, at - System.nanoTime())));
    }

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
        CompletableFuture<T> next;
        while ((next = waiters.peek()) != null) {
            if (next.isDone()) {
                waiters.poll();
                continue;
            }
            long wait = tryTake.applyAsLong(next);
            if (wait > 0) {
                nextTry = System.nanoTime() + wait;
                scheduler.schedule(() -> handOff.execute(this::drain), wait, TimeUnit.NANOSECONDS);
                return;
            }
            waiters.poll();
        }
        nextTry = 0;
    }
}
