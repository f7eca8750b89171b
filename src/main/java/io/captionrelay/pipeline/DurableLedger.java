package io.captionrelay.pipeline;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger as the pipeline uses it: every read and write goes through {@link LedgerRoutes}, which retry
 * it with backoff while the database is unreachable ({@code relay.db.retry.*}); answers that could not be
 * written are kept in {@link PaidAnswers}, which is read before the database and emptied into it later.
 */
public final class DurableLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DurableLedger.class);

    private final CaptionLedger ledger;
    private final PaidAnswers paid;
    private final ProducerTemplate template;

    public DurableLedger(CaptionLedger ledger, PaidAnswers paid, ProducerTemplate template) {
        this.ledger = ledger;
        this.paid = paid;
        this.template = template;
    }

    /**
     * The stored result for {@code key}: a kept paid answer first, then the ledger, read at once and, when that fails,
     * through {@link LedgerRoutes} (retried through an outage).
     */
    public Optional<CaptionResult> find(ResultKey key) throws LedgerFailure, IOException {
        Optional<CaptionResult> kept = paid.find(key);
        if (kept.isPresent()) {
            return kept;
        }
        try {
            return ledger.find(key);
        } catch (SQLException first) {
            LOG.debug("The ledger look-up is tried again: {}", DatabaseOutage.describe(first));
        }
        try {
            return Optional.ofNullable(template.requestBody(LedgerRoutes.FIND, key, CaptionResult.class));
        } catch (CamelExecutionException e) {
            throw new LedgerFailure("the ledger could not be read", cause(e), null);
        }
    }

    /**
     * Records a paid answer. When the first write fails, the answer is kept in {@link PaidAnswers} (synced to
     * disk) before the write is retried, so a crash during an outage does not lose it either.
     */
    public void record(CaptionResult result) throws LedgerFailure {
        try {
            ledger.record(result);
            paid.forget(result.key());
            return;
        } catch (SQLException | IOException first) {
            keep(result, first);
        }
        try {
            template.requestBody(LedgerRoutes.RECORD, result);
        } catch (CamelExecutionException e) {
            throw new LedgerFailure("the result could not be written to the ledger", cause(e), result);
        }
        forget(result);
    }

    /** Moves kept answers into the ledger; stops at the first that cannot be written (the database is still down). */
    public int flushPaidAnswers() throws IOException {
        int moved = 0;
        for (CaptionResult result : paid.all()) {
            try {
                ledger.record(result);
            } catch (SQLException stillDown) {
                LOG.debug("Paid answers stay kept: {}", DatabaseOutage.describe(stillDown));
                return moved;
            }
            paid.forget(result.key());
            moved++;
        }
        if (moved > 0) {
            LOG.info("{} paid answer(s) kept during a database outage are now in the ledger", moved);
        }
        return moved;
    }

    private void keep(CaptionResult result, Exception failure) throws LedgerFailure {
        try {
            paid.keep(result);
        } catch (IOException e) {
            LedgerFailure lost = new LedgerFailure("the result could not be written to the ledger nor kept on disk", failure, result);
            lost.addSuppressed(e);
            throw lost;
        }
    }

    private void forget(CaptionResult result) {
        try {
            paid.forget(result.key());
        } catch (IOException e) {
            LOG.warn("A paid answer now in the ledger could not be removed from the kept ones: {}", e.getMessage());
        }
    }

    private static Throwable cause(CamelExecutionException e) {
        return e.getCause() != null ? e.getCause() : e;
    }
}
