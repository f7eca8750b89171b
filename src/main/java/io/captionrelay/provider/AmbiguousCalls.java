package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.observe.RelayMetrics;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * A call that was sent and got no answer (a timeout, a dropped connection) is ambiguous: the provider may have done
 * the work and charged it. Each one is counted ({@code captionrelay.provider.ambiguous.calls}, and the exchange's
 * {@link RelayHeaders#AMBIGUOUS_CALLS}, which the result's {@code usage.ambiguousCalls} shows), and the task's
 * {@code on-ambiguous} setting says what follows: {@link Choice#RETRY} sends it again (a transient failure),
 * {@link Choice#PARK} puts the image in the pending area with a record saying it may have been charged, where it
 * waits until a person moves it back. A call that never reached the provider (no connection) is not ambiguous.
 */
public final class AmbiguousCalls {

    /** What follows an ambiguous call. */
    public enum Choice { RETRY, PARK }

    private final String task;
    private final Choice choice;
    private final RelayMetrics metrics;

    public AmbiguousCalls(String task, Choice choice, RelayMetrics metrics) {
        this.task = task;
        this.choice = choice;
        this.metrics = metrics;
    }

    /** The task's {@code on-ambiguous}: {@code retry} or {@code park}; anything else stops start-up naming the key. */
    public static Choice choice(ProviderSettings settings, String fallback) {
        String value = settings.string("on-ambiguous", fallback);
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "retry" -> Choice.RETRY;
            case "park" -> Choice.PARK;
            default -> throw new IllegalArgumentException("relay.provider." + settings.id() + ".on-ambiguous must be retry or park, not '"
                    + value + "'");
        };
    }

    public Choice choice() {
        return choice;
    }

    /** True when the request cannot have reached the provider, so sending it again cannot pay twice. */
    public static boolean neverSent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t.getClass().getName().equals("org.apache.hc.client5.http.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts the call that got no answer, when it was sent, and returns the failure that follows: transient
     * (retried) for {@link Choice#RETRY} or a call never sent, {@link ErrorClass#AMBIGUOUS} (parked) for {@link Choice#PARK}.
     *
     * @param what what got no answer and why, e.g. {@code imagedescriber did not answer (SocketTimeoutException: …)}
     */
    public RelayException noAnswer(Exchange exchange, Throwable cause, String what) {
        if (neverSent(cause)) {
            return new RelayException(ErrorClass.TRANSIENT, what, cause);
        }
        int count = count(exchange);
        metrics.ambiguousCall(task);
        if (choice == Choice.RETRY) {
            return new RelayException(ErrorClass.TRANSIENT, what + "; the provider may have charged it (ambiguous call "
                    + count + "), sent again as on-ambiguous=retry says", cause);
        }
        return new RelayException(ErrorClass.AMBIGUOUS, what + "; the provider may already have charged it, so the image"
                + " is parked and not sent again automatically (on-ambiguous=park): move it back into its source to"
                + " send it again, which may be paid again", cause);
    }

    /** One more ambiguous call on this exchange; returns how many there have been. */
    public static int count(Exchange exchange) {
        int count = exchange.getProperty(RelayHeaders.AMBIGUOUS_CALLS, 0, Integer.class) + 1;
        exchange.setProperty(RelayHeaders.AMBIGUOUS_CALLS, count);
        return count;
    }

    /** The answer with {@code usage.ambiguousCalls} when calls of this exchange went unanswered before it. */
    public static ProviderAnswer withCount(Exchange exchange, ProviderAnswer answer) {
        int count = exchange.getProperty(RelayHeaders.AMBIGUOUS_CALLS, 0, Integer.class);
        if (count == 0) {
            return answer;
        }
        return answer.withUsage("ambiguousCalls", count);
    }
}
