package io.captionrelay.pipeline;

import io.captionrelay.cluster.Leases;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A claim before paying, shared by every instance on the database: for each {@link ResultKey} one exchange of one
 * instance calls the provider; the others wait, looking at the ledger every {@code pollMs}, and reuse the result
 * once it is there (or take the claim over when its holder gave up without a result, or died and let it expire).
 * A claim is a {@link Leases lease} of scope {@code result}: one INSERT to take it and one DELETE to give it up.
 * {@link #none()} is the single-instance form: no claims (the in-process {@link ImageClaims} is enough there).
 */
public final class ResultClaims {

    static final String SCOPE = "result";
    private static final Logger LOG = LoggerFactory.getLogger(ResultClaims.class);

    /** Reads the ledger for a key (the waiter's look for the holder's result). */
    @FunctionalInterface
    public interface Lookup {
        Optional<CaptionResult> find(ResultKey key) throws Exception;
    }

    private final Leases leases;
    private final long pollMs;

    private ResultClaims(Leases leases, long pollMs) {
        this.leases = leases;
        this.pollMs = pollMs;
    }

    public static ResultClaims shared(Leases leases, long pollMs) {
        return new ResultClaims(leases, pollMs);
    }

    public static ResultClaims none() {
        return new ResultClaims(null, 0);
    }

    /** Whether the instances share work through the database. */
    public boolean shared() {
        return leases != null;
    }

    /**
     * Returns empty once this exchange holds the claim (it must call the provider, then {@link #release}), or the
     * result another instance recorded meanwhile. After taking the claim the ledger is read once more: a holder may
     * have recorded its result and given the claim up between the caller's first look and the claim.
     */
    public Optional<CaptionResult> claimOrWait(ResultKey key, Lookup ledger) throws Exception {
        if (leases == null) {
            return Optional.empty();
        }
        boolean logged = false;
        while (true) {
            if (taken(key)) {
                Optional<CaptionResult> meanwhile = ledger.find(key);
                if (meanwhile.isPresent()) {
                    release(key);
                }
                return meanwhile;
            }
            if (!logged) {
                LOG.debug("Another instance describes {} with {} now: waiting for its result", key.imageSha256(), key.provider());
                logged = true;
            }
            Thread.sleep(pollMs);
            Optional<CaptionResult> theirs = ledger.find(key);
            if (theirs.isPresent()) {
                return theirs;
            }
        }
    }

    /**
     * Takes the claim. A database that cannot be reached just after the ledger answered counts as taken: the call goes
     * out without a claim (another instance may pay for the same result once) rather than failing the item, whose
     * answer the ledger keeps through the outage like any other.
     */
    private boolean taken(ResultKey key) {
        try {
            return leases.take(SCOPE, id(key));
        } catch (java.sql.SQLException e) {
            LOG.warn("No claim on {} ({}): the database cannot be reached ({}); the provider is called without one",
                    key.imageSha256(), key.provider(), e.getMessage());
            return true;
        }
    }

    /** Gives the claim up (the result is in the ledger, or the call failed and another may try). */
    public void release(ResultKey key) {
        if (leases == null) {
            return;
        }
        try {
            leases.release(SCOPE, id(key));
        } catch (Exception e) {
            LOG.warn("The claim on {} ({}) was not given up; it expires: {}", key.imageSha256(), key.provider(), e.getMessage());
        }
    }

    private static String id(ResultKey key) {
        return String.join("|", key.imageSha256(), key.provider(), key.operation(), key.promptKey(), key.language());
    }
}
