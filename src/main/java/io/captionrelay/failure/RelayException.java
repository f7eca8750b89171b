package io.captionrelay.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the pipeline understands: an {@link ErrorClass} and a message a person can act on.
 * Messages never contain keys or other secrets.
 */
public class RelayException extends Exception {

    private final ErrorClass errorClass;
    private final Duration retryAfter;

    public RelayException(ErrorClass errorClass, String message) {
        this(errorClass, message, null);
    }

    public RelayException(ErrorClass errorClass, String message, Throwable cause) {
        this(errorClass, message, cause, null);
    }

    private RelayException(ErrorClass errorClass, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        if (errorClass == null) {
            throw new IllegalArgumentException("errorClass is required");
        }
        this.errorClass = errorClass;
        this.retryAfter = retryAfter;
    }

    /** A rate-limit answer; {@code retryAfter} is what the provider asked for, or null when it did not say. */
    public static RelayException rateLimited(String message, Duration retryAfter) {
        return new RelayException(ErrorClass.RATE_LIMITED, message, null, retryAfter);
    }

    public static RelayException badInput(String message) {
        return new RelayException(ErrorClass.BAD_INPUT, message);
    }

    public static RelayException badInput(String message, Throwable cause) {
        return new RelayException(ErrorClass.BAD_INPUT, message, cause);
    }

    /** The same failure with another message (say, with secrets masked). */
    public RelayException withMessage(String message) {
        RelayException copy = new RelayException(errorClass, message, getCause(), retryAfter);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** How long the provider asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
