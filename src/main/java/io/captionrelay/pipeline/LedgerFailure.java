package io.captionrelay.pipeline;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.CaptionResult;

/**
 * The ledger could not be read or written, even after its retries ({@code relay.db.retry.*}). When the
 * provider had already answered, the answer is kept: in {@link #paidResult()} (which the failure record
 * shows as {@code paidResult}) and in the {@link PaidAnswers} spool, so that moving the image back into the
 * inbox costs no second call.
 */
public final class LedgerFailure extends RelayException {

    private final transient CaptionResult paidResult;

    LedgerFailure(String what, Throwable cause, CaptionResult paidResult) {
        super(ErrorClass.TRANSIENT, what + ": " + DatabaseOutage.describe(cause)
                + (paidResult == null ? "" : "; the provider's answer is kept (paidResult), moving the image back costs no new call"),
                cause);
        this.paidResult = paidResult;
    }

    /** The answer already paid for, or null when the failure came before any call. */
    public CaptionResult paidResult() {
        return paidResult;
    }
}
