package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.RelayHeaders;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * The retry rules by error class on a provider's entry route, shared by every remote provider:
 * <ul>
 *   <li>transient: exponential backoff with jitter, {@link RetryPolicy#transientAttempts()} times;</li>
 *   <li>rate-limited: as the provider's routes say (the HTTP routes wait in the quota gate, ImaginePro waits
 *       for {@code Retry-After});</li>
 *   <li>bad-input: once more, with {@link #SHRINK} set so the image is prepared smaller;</li>
 *   <li>auth and out-of-credit: never; the provider's circuit opens;</li>
 *   <li>ambiguous (sent, no answer, {@code on-ambiguous=park}): never; see {@link AmbiguousCalls}.</li>
 * </ul>
 * A route that needs a rule of its own before these declares it first: Camel takes the first whose
 * condition matches.
 */
public final class RetriesByClass {

    /** Exchange property: set when the provider refused the last attempt as bad input. */
    public static final String SHRINK = RelayHeaders.SHRINK;

    private RetriesByClass() {
    }

    /** Adds the rules to {@code route}; {@code rateLimited} completes the rate-limit rule. */
    public static RouteDefinition apply(RouteDefinition route, RetryPolicy retry, ProviderCircuits circuits, String provider,
                                        UnaryOperator<OnExceptionDefinition> rateLimited) {
        route.onException(RelayException.class).onWhen(errorClass(ErrorClass.TRANSIENT))
                .maximumRedeliveries(retry.transientAttempts())
                .redeliveryDelay(retry.transientInitialDelayMs()).useExponentialBackOff().backOffMultiplier(2)
                .useCollisionAvoidance().maximumRedeliveryDelay(retry.transientMaxDelayMs())
                .asyncDelayedRedelivery().retryAttemptedLogLevel(LoggingLevel.WARN)
                .logStackTrace(false).logExhausted(false);
        rateLimited.apply(route.onException(RelayException.class).onWhen(errorClass(ErrorClass.RATE_LIMITED))
                .maximumRedeliveries(retry.rateLimitedAttempts()).logStackTrace(false).logExhausted(false));
        route.onException(RelayException.class).onWhen(errorClass(ErrorClass.BAD_INPUT))
                .maximumRedeliveries(1).redeliveryDelay(0)
                .onRedelivery(exchange -> exchange.setProperty(SHRINK, true))
                .logStackTrace(false).logExhausted(false);
        // sent and unanswered, with on-ambiguous=park: never sent again here (the image waits in the pending area)
        route.onException(RelayException.class).onWhen(errorClass(ErrorClass.AMBIGUOUS))
                .maximumRedeliveries(0).logStackTrace(false).logExhausted(false);
        route.onException(RelayException.class).onWhen(errorClass(ErrorClass.AUTH, ErrorClass.OUT_OF_CREDIT))
                .maximumRedeliveries(0)
                .onExceptionOccurred(exchange -> circuits.trip(provider, failure(exchange)))
                .logStackTrace(false).logExhausted(false);
        return route;
    }

    /** The provider failure an exchange carries, thrown or caught. */
    public static RelayException failure(Exchange exchange) {
        RelayException e = exchange.getException(RelayException.class);
        return e != null ? e : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RelayException.class);
    }

    public static Predicate errorClass(ErrorClass... classes) {
        List<ErrorClass> wanted = List.of(classes);
        return exchange -> {
            RelayException e = failure(exchange);
            return e != null && wanted.contains(e.errorClass());
        };
    }
}
