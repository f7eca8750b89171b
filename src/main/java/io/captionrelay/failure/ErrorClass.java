package io.captionrelay.failure;

/**
 * The small set of failure kinds every error is mapped to (README, "Retries by error class").
 * The pipeline decides what to do from the class alone: retry, fail the item, or stop a provider.
 */
public enum ErrorClass {
    /** The provider asked us to slow down (HTTP 429, code 1004). Never counts as a failure. */
    RATE_LIMITED("rate-limited"),
    /** A passing fault: HTTP 5xx, timeouts, dropped connections. Retried with backoff. */
    TRANSIENT("transient"),
    /** The image or request is not acceptable: empty, not an image, truncated, too large, refused format. */
    BAD_INPUT("bad-input"),
    /** The provider refused what the image shows. Never retried. */
    REFUSED_CONTENT("refused-content"),
    /** The provider account has no credit left. The provider is stopped; items stay pending. */
    OUT_OF_CREDIT("out-of-credit"),
    /** The key is missing, wrong or revoked. The provider is stopped; items stay pending. */
    AUTH("auth"),
    /**
     * The request was sent and no answer came (timeout, dropped connection): the provider may have charged it.
     * With {@code on-ambiguous=park} the image waits in the pending area until a person moves it back; never resent.
     */
    AMBIGUOUS("ambiguous");

    private final String label;

    ErrorClass(String label) {
        this.label = label;
    }

    /** The kebab-case name used in error records, logs and metrics. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
