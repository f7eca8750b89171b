package io.captionrelay.pipeline;

import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch mode: once Camel has started, waits until the inbox holds no image and nothing is in
 * flight, prints the summary and stops Camel. It never waits for ever: it gives up when images stay in the
 * inbox without any progress for {@code relay.batch.idle-timeout} seconds (say, files still being written),
 * and when work is stuck ({@link StuckWork}: in flight for {@code relay.health.stuck-after} with nothing
 * finished meanwhile).
 *
 * <p>Exit codes (docs/operations.md), the first that applies: {@link #STUCK}, {@link #UNREAD}, {@link #FAILED},
 * {@link #PENDING}, else {@link #ALL_DONE}.
 */
public final class BatchRun extends MainListenerSupport {

    /** Every image was described (or had been already). */
    public static final int ALL_DONE = 0;
    /** Some images failed: they are in .failed with a reason record. */
    public static final int FAILED = 1;
    /** Some images stayed in the inbox unread until the idle timeout. */
    public static final int UNREAD = 2;
    /** Nothing failed, but some images wait in .pending for a provider (key refused, credit spent, rate limit). */
    public static final int PENDING = 3;
    /** Some images were stuck in processing and were given up; they move to .failed with a reason record. */
    public static final int STUCK = 4;

    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private volatile int exitCode;

    public int exitCode() {
        return exitCode;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PipelineProgress progress = context.getRegistry().lookupByNameAndType(PipelineProgress.BEAN, PipelineProgress.class);
        StuckWork stuckWork = context.getRegistry().lookupByNameAndType(StuckWork.BEAN, StuckWork.class);
        FailureRecords records = context.getRegistry().lookupByNameAndType(FailureRecords.BEAN, FailureRecords.class);
        long idleTimeoutMs = Long.parseLong(context.resolvePropertyPlaceholders("{{relay.batch.idle-timeout}}")) * 1000;
        Thread watcher = new Thread(() -> watch((MainSupport) main, context, progress, stuckWork, records, idleTimeoutMs), "batch-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(MainSupport main, CamelContext context, PipelineProgress progress, StuckWork stuckWork,
                       FailureRecords records, long idleTimeoutMs) {
        long lastDone = -1;
        long lastChange = System.currentTimeMillis();
        boolean unread = false;
        try {
            while (true) {
                Thread.sleep(CHECK_EVERY.toMillis());
                long waiting = progress.waiting();
                int inFlight = context.getInflightRepository().size();
                if (waiting == 0 && inFlight == 0) {
                    break;
                }
                List<StuckWork.Stuck> stuck = stuckWork.stuckItems();
                if (!stuck.isEmpty()) {
                    giveUp(stuck, stuckWork.after(), records);
                    exitCode = STUCK;
                    break;
                }
                long done = progress.doneCount();
                if (done != lastDone || inFlight > 0) {
                    lastDone = done;
                    lastChange = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastChange > idleTimeoutMs) {
                    LOG.warn("{} image(s) stayed in the inbox for {} s without being read (still being written, or unreadable?);"
                            + " they are left untouched", waiting, idleTimeoutMs / 1000);
                    unread = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (exitCode != STUCK) {
            exitCode = exitCode(unread, progress.failedCount(), progress.pendingCount());
        }
        System.out.println(progress.summary());
        main.completed();
    }

    /** Logs the stuck images and writes their reason records: shutdown then fails them, and they move to .failed. */
    private static void giveUp(List<StuckWork.Stuck> stuck, Duration after, FailureRecords records) {
        LOG.error("{} image(s) stuck, nothing finished for {} s (relay.health.stuck-after); giving up on them: {}",
                stuck.size(), after.toSeconds(), String.join("; ", stuck.stream().map(StuckWork.Stuck::toString).toList()));
        for (StuckWork.Stuck item : stuck) {
            try {
                records.recordStuck(item.exchange(), "stuck" + item.where() + " with nothing finished meanwhile"
                        + " (relay.health.stuck-after); batch mode gave up on it: move it back to try again");
            } catch (Exception e) {
                LOG.warn("cannot write the reason record of stuck {}: {}", item.item(), e.getMessage());
            }
        }
    }

    /** The exit code once the batch is over: unread images, then failures, then pending images decide. */
    static int exitCode(boolean unread, long failed, long pending) {
        if (unread) {
            return UNREAD;
        }
        if (failed > 0) {
            return FAILED;
        }
        return pending > 0 ? PENDING : ALL_DONE;
    }
}
