package io.captionrelay.provider;

/**
 * How often and how patiently a provider call is retried, by error class.
 *
 * @param transientAttempts       retries after a transient error (5xx, timeouts, dropped connections)
 * @param transientInitialDelayMs first backoff; doubled each time, with jitter
 * @param transientMaxDelayMs     backoff cap
 * @param rateLimitedAttempts     retries after a rate-limit answer before the image waits in the pending area
 * @param rateLimitedDelayMs      wait when the provider does not say how long (no Retry-After)
 */
public record RetryPolicy(int transientAttempts, long transientInitialDelayMs, long transientMaxDelayMs,
                          int rateLimitedAttempts, long rateLimitedDelayMs) {
}
