package io.captionrelay.provider.imaginepro;

import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of a job's life to {@link JobTable} that must not stop it: a job that exists and is paid for is
 * waited on even when its row cannot be written; the failure is logged (only a restart could then not resume it).
 */
final class JobRecords {

    private static final Logger LOG = LoggerFactory.getLogger(JobRecords.class);

    private final JobTable table;

    JobRecords(JobTable table) {
        this.table = table;
    }

    void submitted(JobTable.Row row) {
        try {
            table.insert(row);
        } catch (SQLException e) {
            LOG.error("ImaginePro job {} could not be recorded ({}); it is still waited on, but a restart would not resume it",
                    row.messageId(), e.getMessage());
        }
    }

    void progress(String messageId, String status, Integer progress, Instant now) {
        try {
            table.progress(messageId, status, progress, now);
        } catch (SQLException e) {
            LOG.warn("cannot record the progress of ImaginePro job {}: {}", messageId, e.getMessage());
        }
    }

    void polled(String messageId, Instant now) {
        try {
            table.polled(messageId, now);
        } catch (SQLException e) {
            LOG.debug("cannot record the poll of ImaginePro job {}: {}", messageId, e.getMessage());
        }
    }

    void finish(String messageId, String status, String resultJson, String error, Instant now) {
        try {
            table.finish(messageId, status, resultJson, error, now);
        } catch (SQLException e) {
            LOG.error("cannot record that ImaginePro job {} ended {}: {}", messageId, status, e.getMessage());
        }
    }

    /**
     * Called once the exchange that took the job's answer completed, that is after the pipeline recorded it in the
     * ledger: a crash before that leaves the job undelivered, so the next start answers the image from its row.
     */
    void delivered(String messageId, Instant now) {
        try {
            table.delivered(messageId, now);
        } catch (SQLException e) {
            LOG.warn("cannot record that the result of ImaginePro job {} was delivered: {}", messageId, e.getMessage());
        }
    }
}
