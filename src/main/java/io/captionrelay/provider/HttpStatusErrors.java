package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The usual meaning of HTTP statuses, and of {@code Retry-After}, shared by the adapters. */
public final class HttpStatusErrors {

    private HttpStatusErrors() {
    }

    /** The error class an HTTP error status means when the provider says nothing more precise. */
    public static ErrorClass classify(int status) {
        return switch (status) {
            case 401 -> ErrorClass.AUTH;
            case 402 -> ErrorClass.OUT_OF_CREDIT;
            case 403 -> ErrorClass.AUTH;
            // a wrong base URL or path: every image would fail the same way, so stop and keep them pending
            case 404, 405 -> ErrorClass.AUTH;
            case 408, 425 -> ErrorClass.TRANSIENT;
            case 429 -> ErrorClass.RATE_LIMITED;
            default -> status >= 500 ? ErrorClass.TRANSIENT : ErrorClass.BAD_INPUT;
        };
    }

    /** A {@link RelayException} for an error answer, carrying {@code Retry-After} when it is a rate limit. */
    public static RelayException error(String provider, ErrorClass errorClass, HttpReply reply, String detail) {
        // the detail quotes the provider, which may quote the key back
        String message = Secret.scrub(provider + " answered HTTP " + reply.status() + (detail == null || detail.isBlank() ? "" : ": " + detail));
        if (errorClass == ErrorClass.RATE_LIMITED) {
            return RelayException.rateLimited(message, retryAfter(reply).orElse(null));
        }
        return new RelayException(errorClass, message);
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    public static Optional<Duration> retryAfter(HttpReply reply) {
        return reply.header("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(Duration.between(Instant.now(), at)).filter(d -> !d.isNegative());
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }
}
