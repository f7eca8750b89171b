package io.captionrelay.failure;

/**
 * A failure the pipeline understands: an {@link ErrorClass} and a message a person can act on.
 * Messages never contain keys or other secrets.
 */
public class RelayException extends Exception {

    private final ErrorClass errorClass;

    public RelayException(ErrorClass errorClass, String message) {
        this(errorClass, message, null);
    }

    public RelayException(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        if (errorClass == null) {
            throw new IllegalArgumentException("errorClass is required");
        }
        this.errorClass = errorClass;
    }

    public static RelayException badInput(String message) {
        return new RelayException(ErrorClass.BAD_INPUT, message);
    }

    public static RelayException badInput(String message, Throwable cause) {
        return new RelayException(ErrorClass.BAD_INPUT, message, cause);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
