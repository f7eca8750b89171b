package io.captionrelay.inbox;

import io.captionrelay.pipeline.PipelineProgress;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refusal sweep, run at every look at the inbox: each entry {@link InboxRules} refuses (a link, a
 * pipe, a device, a socket, an unaddressable name, a format not supported yet) is moved into
 * {@code .failed} with its reason record, and counted as failed. A regular file waits until it has been
 * unmodified for the inbox's minimum age. An entry that cannot be moved aside safely is reported once
 * in the log and left where it is.
 */
public final class InboxRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(InboxRefusals.class);

    private final Path inbox;
    private final InboxScan scan;
    private final InboxArchive archive;
    private final PipelineProgress progress;
    private final long minAgeMs;
    private final java.util.function.BooleanSupplier busy;
    private final long busyIntervalNanos;
    private volatile long lastSweep = System.nanoTime();

    /**
     * @param busy         true while images are in progress: then the inbox is walked at most every {@code busyIntervalMs}
     *                     (a large inbox being worked through is not walked a second time at every poll)
     */
    public InboxRefusals(Path inbox, InboxScan scan, InboxArchive archive, PipelineProgress progress, long minAgeMs,
                         java.util.function.BooleanSupplier busy, long busyIntervalMs) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.scan = scan;
        this.archive = archive;
        this.progress = progress;
        this.minAgeMs = minAgeMs;
        this.busy = busy;
        this.busyIntervalNanos = busyIntervalMs * 1_000_000;
    }

    public void sweep() {
        if (busy.getAsBoolean() && System.nanoTime() - lastSweep < busyIntervalNanos) {
            return;
        }
        lastSweep = System.nanoTime();
        long now = System.currentTimeMillis();
        for (InboxScan.Refusal refusal : scan.refusals()) {
            if (refusal.attrs().isRegularFile() && now - refusal.attrs().lastModifiedTime().toMillis() < minAgeMs) {
                continue; // may still be being written
            }
            String source = "file:" + inbox.relativize(refusal.entry().toAbsolutePath().normalize());
            try {
                archive.refuse(refusal.entry(), refusal.reason());
                progress.failed();
                LOG.warn("Refused {}: {}", source, refusal.reason());
            } catch (IOException e) {
                if (scan.unplaceable(refusal.entry())) {
                    LOG.warn("Refused {}: {}; left in the inbox, as no reason record can be placed safely: {}",
                            source, refusal.reason(), e.getMessage());
                }
            }
        }
    }
}
