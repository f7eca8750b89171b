package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.pipeline.ImageJob;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.pipeline.RelayHeaders;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaStep;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of one remote provider task: {@code provider-<id>} holds the retry and circuit rules and
 * calls {@code provider-<id>-call}, which prepares the image, shapes the request with the adapter, waits
 * for the task's {@link QuotaGate} and sends it at once ({@code provider-<id>-http}, camel-http), then
 * reads the answer. A retry re-runs the whole call route, quota gate included.
 *
 * <ul>
 *   <li>transient (5xx, timeouts, dropped connections): exponential backoff with jitter, bounded;</li>
 *   <li>rate-limited: the key is paused in the quota gate for {@code Retry-After} (or a default) and
 *       the call waits there; never a failure: when retries run out the image waits in the pending area;</li>
 *   <li>bad-input: once more with a smaller JPEG, then the image fails;</li>
 *   <li>auth and out-of-credit: the provider's circuit opens, the image waits in the pending area;</li>
 *   <li>refused-content: the image fails at once.</li>
 * </ul>
 * Each provider has its own camel-http component ({@link #componentName}) for its timeouts, with
 * HttpClient's own retries off so that every retry happens here.
 */
public final class HttpProviderRoutes extends RouteBuilder {

    static final String SHRINK = RetriesByClass.SHRINK;
    private static final String PREPARED = "CaptionRelayPrepared";
    private static final String LEASE = "CaptionRelayQuotaLease";
    private static final String IMAGE_URL = "CaptionRelayImageUrl";
    private static final String CALL_STARTED = "CaptionRelayCallStarted";
    private static final String PROBE = "CaptionRelayCircuitProbe";
    private static final String SHAPED_FOR = "CaptionRelayShapedForKey";
    private static final String KEEP = CamelHttp.KEEP;

    private final HttpProviderAdapter adapter;
    private final ProviderSettings settings;
    private final ImagePreparation preparation;
    private final ImageUrlSource urls;
    private final ProviderCircuits circuits;
    private final RetryPolicy retry;
    private final QuotaGate gate;
    private final RelayMetrics metrics;

    public HttpProviderRoutes(HttpProviderAdapter adapter, ProviderSettings settings, ImagePreparation preparation,
                              ImageUrlSource urls, ProviderCircuits circuits, RetryPolicy retry, QuotaGate gate,
                              RelayMetrics metrics) {
        this.adapter = adapter;
        this.settings = settings;
        this.preparation = preparation;
        this.urls = urls;
        this.circuits = circuits;
        this.retry = retry;
        this.gate = gate;
        this.metrics = metrics;
    }

    public static String componentName(String taskId) {
        return "http-" + taskId;
    }

    @Override
    public void configure() {
        String id = settings.id();
        String callRoute = "direct:provider-" + id + "-call";
        String callHttpRoute = "direct:provider-" + id + "-http";
        // The URL actually called is set per request in CamelHttpUri; the endpoint names the provider's host.
        String httpEndpoint = componentName(id) + "://" + settings.baseUrl("http://localhost").getAuthority()
                + "?throwExceptionOnFailure=false";

        // the rate-limited key is paused in the quota gate; the retry waits there, holding no thread
        RetriesByClass.apply(from("direct:provider-" + id).routeId("provider-" + id), retry, circuits, settings.provider(),
                        rateLimited -> rateLimited.redeliveryDelay(0).retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG))
                .process(exchange -> exchange.setProperty(PROBE, circuits.admit(settings.provider())))
                .to(callRoute);

        // The quota permit is taken immediately before the request goes on the wire, after the image is
        // prepared, its URL published and the body encoded (with the key whose turn it is), so that the
        // send time the gate records is when the provider sees the call. A waiting image holds its
        // shaped request (the encoded copy), never decoded pixels.
        from(callRoute).routeId("provider-" + id + "-call")
                .errorHandler(noErrorHandler())
                .process(this::prepareImage)
                .process(exchange -> shapeRequest(exchange, gate.likelyKey()))
                .process(new QuotaStep(gate, LEASE))
                .doTry()
                    .process(this::granted)
                    .to(callHttpRoute)
                    .process(this::readAnswer)
                .doFinally()
                    .process(exchange -> {
                        SentOnTheWire.clear();
                        exchange.getProperty(LEASE, QuotaGate.Lease.class).release();
                    })
                .end();

        from(callHttpRoute).routeId("provider-" + id + "-http")
                .errorHandler(noErrorHandler())
                .doTry()
                    .to(httpEndpoint)
                .doCatch(IOException.class)
                    .process(this::noAnswer)
                .end();
    }

    private void prepareImage(Exchange exchange) throws RelayException {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        PreparedImage refused = exchange.getProperty(PREPARED, PreparedImage.class);
        boolean shrink = exchange.getProperty(SHRINK, false, Boolean.class);
        PreparedImage image = preparation.prepare(job, adapter.requirements(), shrink ? refused : null);
        exchange.setProperty(PREPARED, image);
        if (adapter.wantsImageUrl()) {
            exchange.setProperty(IMAGE_URL, urls.urlFor(job, image, settings.millis("url-ttl", 3_600_000)));
        }
    }

    /** The permit is there: the call goes now (shaped again only when the grant carries another key of the pool). */
    private void granted(Exchange exchange) throws RelayException {
        if (!exchange.getProperty(PROBE, false, Boolean.class)) {
            circuits.check(settings.provider()); // it may have opened while this call waited for quota
        }
        Secret key = exchange.getProperty(LEASE, QuotaGate.Lease.class).key();
        if (key != exchange.getProperty(SHAPED_FOR, Secret.class)) {
            shapeRequest(exchange, key);
        }
        metrics.quotaWait(settings.id(), Duration.ofNanos(exchange.getProperty(QuotaStep.WAITED, 0L, Long.class)));
        exchange.setProperty(CALL_STARTED, System.nanoTime());
        SentOnTheWire.expect(exchange.getProperty(LEASE, QuotaGate.Lease.class));
    }

    private void shapeRequest(Exchange exchange, Secret key) throws RelayException {
        if (key == null && adapter.requiresKey()) {
            throw new RelayException(ErrorClass.AUTH, "no API key is configured for " + settings.id()
                    + " (set relay.provider." + settings.provider() + ".api-key or .api-key-file)");
        }
        HttpCall call = adapter.request(exchange.getProperty(PREPARED, PreparedImage.class),
                exchange.getProperty(IMAGE_URL, URI.class), key);
        exchange.setProperty(SHAPED_FOR, key);

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
        metrics.call(settings.id(), ErrorClass.TRANSIENT.label(), sinceCallStarted(exchange));
        exchange.getMessage().removeHeaders("*", KEEP);
        throw new RelayException(ErrorClass.TRANSIENT, settings.id() + " did not answer ("
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause);
    }

    private void readAnswer(Exchange exchange) throws RelayException {
        var message = exchange.getMessage();
        HttpReply reply = CamelHttp.reply(exchange);
        Secret key = exchange.getProperty(LEASE, QuotaGate.Lease.class).key();
        RateLimitHeaders.read(reply).ifPresent(left -> gate.observe(key, left.remaining(), left.earliestReset(), left.latestReset()));
        try {
            ProviderAnswer answer = adapter.read(reply);
            metrics.call(settings.id(), "ok", sinceCallStarted(exchange));
            circuits.answered(settings.provider());
            creditsLeft(answer).ifPresent(left -> metrics.creditsRemaining(settings.id(), left));
            message.setBody(answer);
        } catch (RelayException e) {
            metrics.call(settings.id(), e.errorClass().label(), sinceCallStarted(exchange));
            circuits.trip(settings.provider(), e); // before this call's slot is given to a waiting one
            if (e.errorClass() == ErrorClass.RATE_LIMITED) {
                gate.pause(key, e.retryAfter().orElse(Duration.ofMillis(retry.rateLimitedDelayMs())));
            }
            throw masked(e, key);
        }
    }

    private static Duration sinceCallStarted(Exchange exchange) {
        return Duration.ofNanos(System.nanoTime() - exchange.getProperty(CALL_STARTED, System.nanoTime(), Long.class));
    }

    /** Credits left on the key, when the provider reports them (imagedescriber's creditsRemaining). */
    private static java.util.Optional<Long> creditsLeft(ProviderAnswer answer) {
        Object left = answer.usage().get("creditsRemaining");
        return left instanceof Number n ? java.util.Optional.of(n.longValue()) : java.util.Optional.empty();
    }

    /** Some providers quote the key they refused: it must not reach logs or error records. */
    private static RelayException masked(RelayException e, Secret key) {
        String message = e.getMessage();
        if (key == null || message == null || !message.contains(key.reveal())) {
            return e;
        }
        return e.withMessage(message.replace(key.reveal(), "****"));
    }
}
