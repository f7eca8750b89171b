package io.captionrelay.quota;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A cap on things in progress (calls in flight, images in the pipeline) that makes waiters wait without holding a thread: {@link #acquire()}
 * returns a future completed when a permit is free; {@link #release()} hands it to the next waiter.
 */
public final class AsyncPermits {

    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int free;

    public AsyncPermits(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one call must be allowed in flight");
        }
        this.free = permits;
    }

    public CompletableFuture<Void> acquire() {
        synchronized (this) {
            if (free > 0) {
                free--;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> turn = new CompletableFuture<>();
            waiting.add(turn);
            return turn;
        }
    }

    public void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free++;
                return;
            }
        }
        next.complete(null); // outside the lock: the waiter continues on this thread
    }

    /** Permits no one holds now. */
    public synchronized int free() {
        return free;
    }

    public synchronized int waiting() {
        return waiting.size();
    }
}
