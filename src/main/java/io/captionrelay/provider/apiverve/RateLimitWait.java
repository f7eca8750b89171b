package io.captionrelay.provider.apiverve;

import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.HttpStatusErrors;
import io.captionrelay.provider.RateLimitHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a rate-limited APIVerve call should wait: {@code Retry-After} when given, else
 * {@code X-RateLimit-Reset} (read as {@link RateLimitHeaders#untilReset} reads it).
 */
final class RateLimitWait {

    private final Clock clock;

    RateLimitWait(Clock clock) {
        this.clock = clock;
    }

    Optional<Duration> of(HttpReply reply) {
        return HttpStatusErrors.retryAfter(reply).or(() -> reply.header("X-RateLimit-Reset")
                .flatMap(value -> RateLimitHeaders.untilReset(value, clock)));
    }
}
