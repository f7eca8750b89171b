package io.captionrelay.pipeline;

import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.inbox.InboxScan;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch mode: once Camel has started, waits until the inbox holds no image and nothing is in
 * flight, prints the summary and stops Camel. Gives up when images stay in the inbox without any
 * progress for {@code relay.batch.idle-timeout} seconds (say, files still being written).
 */
public final class BatchRun extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private volatile int exitCode;

    public int exitCode() {
        return exitCode;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PipelineProgress progress = context.getRegistry().lookupByNameAndType(RelayConfiguration.PROGRESS, PipelineProgress.class);
        InboxScan inbox = context.getRegistry().lookupByNameAndType(RelayConfiguration.INBOX_SCAN, InboxScan.class);
        long idleTimeoutMs = Long.parseLong(context.resolvePropertyPlaceholders("{{relay.batch.idle-timeout}}")) * 1000;
        Thread watcher = new Thread(() -> watch((MainSupport) main, context, progress, inbox, idleTimeoutMs), "batch-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(MainSupport main, CamelContext context, PipelineProgress progress, InboxScan inbox, long idleTimeoutMs) {
        long lastDone = -1;
        long lastChange = System.currentTimeMillis();
        try {
            while (true) {
                Thread.sleep(CHECK_EVERY.toMillis());
                long waiting = inbox.waiting();
                int inFlight = context.getInflightRepository().size();
                if (waiting == 0 && inFlight == 0) {
                    exitCode = progress.failedCount() > 0 ? 1 : 0;
                    break;
                }
                long done = progress.doneCount();
                if (done != lastDone || inFlight > 0) {
                    lastDone = done;
                    lastChange = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastChange > idleTimeoutMs) {
                    LOG.warn("{} image(s) stayed in the inbox for {} s without being read (still being written, or unreadable?);"
                            + " they are left untouched", waiting, idleTimeoutMs / 1000);
                    exitCode = 2;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        System.out.println(progress.summary());
        main.completed();
    }
}
