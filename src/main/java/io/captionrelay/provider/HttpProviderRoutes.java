package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.pipeline.ImageJob;
import io.captionrelay.pipeline.RelayHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of one remote provider task: {@code provider-<id>} holds the retry and circuit rules and
 * calls {@code provider-<id>-call}, which prepares the image, shapes the request with the adapter,
 * sends it with camel-http and reads the answer. A retry re-runs the whole call route.
 *
 * <ul>
 *   <li>transient (5xx, timeouts, dropped connections): exponential backoff with jitter, bounded;</li>
 *   <li>rate-limited: waits {@code Retry-After} (or a default) and retries; never a failure: when
 *       retries run out the image waits in the pending area;</li>
 *   <li>bad-input: once more with a smaller JPEG, then the image fails;</li>
 *   <li>auth and out-of-credit: the provider's circuit opens, the image waits in the pending area;</li>
 *   <li>refused-content: the image fails at once.</li>
 * </ul>
 * Each provider has its own camel-http component ({@link #componentName}) for its timeouts, with
 * HttpClient's own retries off so that every retry happens here.
 */
public final class HttpProviderRoutes extends RouteBuilder {

    /** Exchange property: set when the provider refused the last attempt as bad input. */
    static final String SHRINK = "CaptionRelayShrink";
    private static final String PREPARED = "CaptionRelayPrepared";
    /** Camel counts redeliveries in these headers: clearing them would retry for ever. */
    private static final String KEEP = "CamelRedelivery*";

    private final HttpProviderAdapter adapter;
    private final ProviderSettings settings;
    private final ImagePreparation preparation;
    private final ImageUrlSource urls;
    private final ProviderCircuits circuits;
    private final RetryPolicy retry;
    private final List<Secret> keys;
    private final AtomicInteger nextKey = new AtomicInteger();

    public HttpProviderRoutes(HttpProviderAdapter adapter, ProviderSettings settings, ImagePreparation preparation,
                              ImageUrlSource urls, ProviderCircuits circuits, RetryPolicy retry) {
        this.adapter = adapter;
        this.settings = settings;
        this.preparation = preparation;
        this.urls = urls;
        this.circuits = circuits;
        this.retry = retry;
        this.keys = settings.keys();
    }

    public static String componentName(String taskId) {
        return "http-" + taskId;
    }

    @Override
    public void configure() {
        String id = settings.id();
        String callRoute = "direct:provider-" + id + "-call";
        // The URL actually called is set per request in CamelHttpUri; the endpoint names the provider's host.
        String httpEndpoint = componentName(id) + "://" + settings.baseUrl("http://localhost").getAuthority()
                + "?throwExceptionOnFailure=false";

        from("direct:provider-" + id).routeId("provider-" + id)
                .onException(RelayException.class).onWhen(errorClass(ErrorClass.TRANSIENT))
                    .maximumRedeliveries(retry.transientAttempts())
                    .redeliveryDelay(retry.transientInitialDelayMs()).useExponentialBackOff().backOffMultiplier(2)
                    .useCollisionAvoidance().maximumRedeliveryDelay(retry.transientMaxDelayMs())
                    .asyncDelayedRedelivery().retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                    .logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(errorClass(ErrorClass.RATE_LIMITED))
                    .maximumRedeliveries(retry.rateLimitedAttempts())
                    .redeliveryDelay(retry.rateLimitedDelayMs()).asyncDelayedRedelivery()
                    .onExceptionOccurred(this::waitAsAsked)
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.INFO).logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(errorClass(ErrorClass.BAD_INPUT))
                    .maximumRedeliveries(1).redeliveryDelay(0)
                    .onRedelivery(exchange -> exchange.setProperty(SHRINK, true))
                    .logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(errorClass(ErrorClass.AUTH, ErrorClass.OUT_OF_CREDIT))
                    .maximumRedeliveries(0)
                    .onExceptionOccurred(exchange -> circuits.trip(settings.provider(), failure(exchange)))
                    .logStackTrace(false).logExhausted(false)
                .end()
                .process(exchange -> circuits.check(settings.provider()))
                .to(callRoute);

        from(callRoute).routeId("provider-" + id + "-call")
                .errorHandler(noErrorHandler())
                .process(this::shapeRequest)
                .doTry()
                    .to(httpEndpoint)
                .doCatch(IOException.class)
                    .process(this::noAnswer)
                .end()
                .process(this::readAnswer);
    }

    private void shapeRequest(Exchange exchange) throws RelayException {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        if (keys.isEmpty() && adapter.requiresKey()) {
            throw new RelayException(ErrorClass.AUTH, "no API key is configured for " + settings.id()
                    + " (set relay.provider." + settings.provider() + ".api-key or .api-key-file)");
        }
        PreparedImage refused = exchange.getProperty(PREPARED, PreparedImage.class);
        boolean shrink = exchange.getProperty(SHRINK, false, Boolean.class);
        PreparedImage image = preparation.prepare(job, adapter.requirements(), shrink ? refused : null);
        exchange.setProperty(PREPARED, image);
        URI imageUrl = adapter.wantsImageUrl() ? urls.urlFor(job, image, settings.millis("url-ttl", 3_600_000)) : null;
        Secret key = keys.isEmpty() ? null : keys.get(Math.floorMod(nextKey.getAndIncrement(), keys.size()));
        HttpCall call = adapter.request(image, imageUrl, key);

        var message = exchange.getMessage();
        message.removeHeaders("*", KEEP);
        call.headers().forEach(message::setHeader);
        if (call.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, call.contentType());
        }
        message.setHeader(Exchange.HTTP_METHOD, call.method());
        message.setHeader(Exchange.HTTP_URI, settings.baseUrl("http://localhost") + call.path());
        message.setBody(call.body());
    }

    private void noAnswer(Exchange exchange) throws RelayException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().removeHeaders("*", KEEP);
        throw new RelayException(ErrorClass.TRANSIENT, settings.id() + " did not answer ("
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause);
    }

    private void readAnswer(Exchange exchange) throws RelayException {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel")) {
                headers.put(name, value.toString());
            }
        });
        String body = message.getBody(String.class);
        message.removeHeaders("*", KEEP);
        message.setBody(adapter.read(new HttpReply(status, body, headers)));
    }

    /** Puts the provider's Retry-After, when given, in place of the default delay before the next attempt. */
    private void waitAsAsked(Exchange exchange) {
        RelayException limited = failure(exchange);
        Duration wait = limited == null ? null : limited.retryAfter().orElse(null);
        if (wait != null) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.max(1, wait.toMillis()));
        }
    }

    private static RelayException failure(Exchange exchange) {
        RelayException e = exchange.getException(RelayException.class);
        return e != null ? e : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RelayException.class);
    }

    private static Predicate errorClass(ErrorClass... classes) {
        return exchange -> {
            RelayException e = failure(exchange);
            if (e == null) {
                return false;
            }
            for (ErrorClass c : classes) {
                if (e.errorClass() == c) {
                    return true;
                }
            }
            return false;
        };
    }
}
