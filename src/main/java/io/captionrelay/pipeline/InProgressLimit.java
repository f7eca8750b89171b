package io.captionrelay.pipeline;

import io.captionrelay.quota.AsyncPermits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The pipeline's first step: at most so many images in progress at once. An image over the limit is
 * parked before anything reads it (it holds a file or object reference, no bytes, no thread) and goes
 * on when an image in progress completes, in arrival order. Without it a tight quota would let a
 * source read its whole inbox into memory while the images wait for their turn. A parked image that
 * a shutdown finds still parked stays where it was, untouched.
 */
public final class InProgressLimit extends AsyncProcessorSupport {

    private final AsyncPermits permits;
    private final Executor resume;
    private final int images;
    private final boolean holdSource;

    /** @param resume where parked images go on (never the thread of the image that made room) */
    public InProgressLimit(int images, Executor resume) {
        this(images, resume, false);
    }

    /**
     * @param holdSource true when instances share the sources (docs/scaling-out.md): an image over the limit is not
     *                   parked but holds the source's thread until there is room, so the source takes (and locks) no
     *                   more items than it can work on, and leaves the rest to the other instances
     */
    public InProgressLimit(int images, Executor resume, boolean holdSource) {
        this.permits = new AsyncPermits(images);
        this.images = images;
        this.resume = resume;
        this.holdSource = holdSource;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permits.release();
                roomMade();
            }
        });
        CompletableFuture<Void> turn = permits.acquire();
        if (holdSource) {
            turn.join();
        }
        if (turn.isDone()) {
            callback.done(true);
            return true;
        }
        turn.thenRunAsync(() -> callback.done(false), resume);
        return false;
    }

    /** Room for this many more images now (none while images are parked). */
    public int room() {
        return permits.free();
    }

    /** True while any image is in progress. */
    public boolean busy() {
        return permits.free() < images;
    }

    /** The limit. */
    public int images() {
        return images;
    }

    /**
     * Waits, holding no CPU, until there is room for {@code enough} images or {@code timeoutMs} have passed.
     * @return the room there is then
     */
    public int awaitRoom(int enough, long timeoutMs) throws InterruptedException {
        long until = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (this) {
            long left;
            while (room() < enough && (left = until - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return room();
    }

    private synchronized void roomMade() {
        notifyAll();
    }

    /** Images parked, waiting for room. */
    public int parked() {
        return permits.waiting();
    }
}
