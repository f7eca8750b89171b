package io.captionrelay.pipeline;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.CaptionResult;

/**
 * A sink did not accept a result, even after its retries. Not the image's fault: the item fails as
 * {@code transient}, and its failure record names the sink, so moving it back into the inbox delivers
 * the result again, from the ledger, without asking the provider twice.
 */
public final class SinkFailure extends RelayException {

    private final String sink;
    private final String task;
    private final transient CaptionResult result;

    public SinkFailure(String sink, String task, Throwable cause) {
        this(sink, task, cause, null);
    }

    /** @param result the result the sink did not take (the failure record keeps it as {@code paidResult}) */
    public SinkFailure(String sink, String task, Throwable cause, CaptionResult result) {
        super(ErrorClass.TRANSIENT, "sink '" + sink + "' did not accept the result: " + describe(cause), cause);
        this.sink = sink;
        this.task = task;
        this.result = result;
    }

    /** The result the sink did not take; null when unknown. */
    public CaptionResult result() {
        return result;
    }

    /** The sink's name as in {@code relay.sinks}, e.g. {@code kafka}. */
    public String sink() {
        return sink;
    }

    /** The provider task whose result it was, e.g. {@code local}; null when unknown. */
    public String task() {
        return task;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (DatabaseOutage.isUnreachable(cause)) {
            return DatabaseOutage.describe(cause);
        }
        String message = cause.getMessage();
        String described = cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = root.getMessage();
        // the first cause often says what really happened, e.g. "No space left on device"
        return root == cause || rootMessage == null || described.contains(rootMessage) ? described : described + " (" + rootMessage + ")";
    }
}
