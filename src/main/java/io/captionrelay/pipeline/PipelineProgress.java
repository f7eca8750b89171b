package io.captionrelay.pipeline;

import io.captionrelay.observe.HeapPeak;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what happened to each image (described, skipped as already done, failed, pending: waiting for a
 * provider) and turns the
 * counts into progress lines and the batch summary.
 */
public final class PipelineProgress {

    /** The registry name it is bound under. */
    public static final String BEAN = "pipelineProgress";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineProgress.class);
    /** One watch for the JVM, from the first use of this class. */
    private static final HeapPeak HEAP = new HeapPeak();

    private final LongAdder described = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder pending = new LongAdder();
    private final LongSupplier waiting;
    private final LongSupplier clock;
    private final long startNanos;
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile long lastReported = -1;
    private volatile java.util.function.Supplier<String> also = () -> "";
    private volatile java.util.function.BooleanSupplier stillWaiting = () -> false;

    /** @param waiting how many items still wait at the sources (for "done of total" and time left) */
    public PipelineProgress(LongSupplier waiting) {
        this(waiting, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    PipelineProgress(LongSupplier waiting, LongSupplier clock) {
        this.waiting = waiting;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastNanos = startNanos;
    }

    /** How many items still wait at the sources. */
    public long waiting() {
        return waiting.getAsLong();
    }

    public void described() {
        started();
        described.increment();
    }

    public void skipped() {
        started();
        skipped.increment();
    }

    public void failed() {
        started();
        failed.increment();
    }

    /** The item waits for a provider (key refused, credit spent, rate limit): not failed, not done either. */
    public void pending() {
        started();
        pending.increment();
    }

    public long pendingCount() {
        return pending.sum();
    }

    public long describedCount() {
        return described.sum();
    }

    public long skippedCount() {
        return skipped.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public long doneCount() {
        return described.sum() + skipped.sum() + failed.sum() + pending.sum();
    }

    /** Something more to show after each progress line, e.g. each provider's pace against its quota. */
    public void showAlso(java.util.function.Supplier<String> more) {
        this.also = more;
    }

    /**
     * As {@link #showAlso(java.util.function.Supplier)}, and a line every interval while {@code waiting} is
     * true even when nothing finished (an instance waiting for a key another instance uses says so).
     */
    public void showAlso(java.util.function.Supplier<String> more, java.util.function.BooleanSupplier waiting) {
        this.also = more;
        this.stillWaiting = waiting;
    }

    /**
     * Logs a progress line when something happened since the last one, or while calls wait for quota.
     * Called by route {@code pipeline-progress}.
     */
    public void report() {
        long done = doneCount();
        if (done == lastReported && !stillWaiting.getAsBoolean()) {
            return;
        }
        lastReported = done;
        String more = also.get();
        LOG.info(line(waiting.getAsLong()) + (more.isEmpty() ? "" : " | " + more));
    }

    /** e.g. "412 of 1000 done (described 400, skipped 10, failed 2, pending 3), 4.9 images/min, about 2 h 00 min left" (pending only when some). */
    public String line(long stillWaiting) {
        long done = doneCount();
        long total = done + stillWaiting;
        double rate = rate();
        String left = rate > 0 && stillWaiting > 0 ? ", about " + human(Duration.ofSeconds(Math.round(stillWaiting / rate))) + " left" : "";
        long waitingForProvider = pending.sum();
        return String.format("%d of %d done (described %d, skipped %d, failed %d%s), %s%s",
                done, total, described.sum(), skipped.sum(), failed.sum(),
                waitingForProvider > 0 ? ", pending " + waitingForProvider : "", pace(rate), left);
    }

    /** A rate in the unit that shows it: never "0.0 images/s" for a slow but real pace. */
    static String pace(double perSecond) {
        if (perSecond == 0 || perSecond >= 0.95) {
            return String.format("%.1f images/s", perSecond);
        }
        if (perSecond * 60 >= 0.95) {
            return String.format("%.1f images/min", perSecond * 60);
        }
        return String.format("%.1f images/h", perSecond * 3600);
    }

    public String summary() {
        double seconds = (clock.getAsLong() - startNanos) / 1e9;
        return String.format("CaptionRelay batch: %d images in %.1f s: described %d, skipped as already done %d, failed %d,"
                + " pending %d (waiting for a provider), peak heap %d MB", doneCount(), seconds, described.sum(), skipped.sum(),
                failed.sum(), pending.sum(), peakHeapMb());
    }

    /** The most heap the JVM held at once since start-up, from its collections (see {@link HeapPeak}). */
    private static long peakHeapMb() {
        return HEAP.peakBytes() / (1024 * 1024);
    }

    /** Images per second since the first image finished. */
    public double rate() {
        long first = firstNanos;
        long done = doneCount();
        if (first == 0 || done < 2) {
            return 0;
        }
        double seconds = (clock.getAsLong() - first) / 1e9;
        return seconds <= 0 ? 0 : (done - 1) / seconds;
    }

    private void started() {
        long now = clock.getAsLong();
        if (firstNanos == 0) {
            firstNanos = now;
        }
        lastNanos = now;
    }

    /** How long since the last item finished (or since the start, when none has). */
    public Duration sinceLastFinished() {
        return Duration.ofNanos(clock.getAsLong() - lastNanos);
    }

    /** To the second under an hour ("27 min 03 s"), to the minute beyond. */
    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
