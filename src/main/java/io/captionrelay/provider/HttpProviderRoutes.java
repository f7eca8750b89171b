package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.KeyMask;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.Secret;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaLease;
import io.captionrelay.quota.QuotaStep;
import io.captionrelay.spend.TaskBudget;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.builder.PredicateBuilder;

/**
 * The routes of one remote provider task: {@code provider-<id>} holds the retry and circuit rules and
 * calls {@code provider-<id>-call}, which prepares the image, shapes the request with the adapter, holds
 * the call's price on the task's {@link TaskBudget}, waits for the task's {@link QuotaGate} and sends it at
 * once ({@code provider-<id>-http}, camel-http), then reads the answer (a paid answer is recorded). A retry
 * re-runs the whole call route, budget and quota gate included.
 *
 * <ul>
 *   <li>transient (5xx, connection refused): exponential backoff with jitter, bounded;</li>
 *   <li>sent and not answered (timeout, dropped connection): counted, then retried as transient or parked, as the
 *       task's {@code on-ambiguous} says ({@link AmbiguousCalls});</li>
 *   <li>rate-limited: the key is paused in the quota gate for {@code Retry-After} (or a default) and
 *       the call waits there; never a failure: when retries run out the image waits in the pending area;</li>
 *   <li>bad-input: once more with a smaller JPEG, then the image fails;</li>
 *   <li>auth and out-of-credit: the provider's circuit opens, the image waits in the pending area;</li>
 *   <li>refused-content: the image fails at once.</li>
 * </ul>
 * Before the quota gate, an answer already paid for the same prepared bytes is reused ({@link PreparedAnswers}).
 * Each provider has its own camel-http component ({@link #componentName}) for its timeouts, with
 * HttpClient's own retries off so that every retry happens here.
 */
public final class HttpProviderRoutes extends RouteBuilder {

    static final String SHRINK = RetriesByClass.SHRINK;

    private final HttpProviderAdapter adapter;
    private final ProviderSettings settings;
    private final ImagePreparation preparation;
    private final ImageUrlSource urls;
    private final ProviderCircuits circuits;
    private final RetryPolicy retry;
    private final QuotaGate gate;
    private final RelayMetrics metrics;
    private final TaskBudget budget;
    private final AmbiguousCalls ambiguous;

    public HttpProviderRoutes(HttpProviderAdapter adapter, ProviderSettings settings, ImagePreparation preparation,
                              ImageUrlSource urls, ProviderCircuits circuits, RetryPolicy retry, QuotaGate gate,
                              RelayMetrics metrics, TaskBudget budget) {
        this.adapter = adapter;
        this.settings = settings;
        this.preparation = preparation;
        this.urls = urls;
        this.circuits = circuits;
        this.retry = retry;
        this.gate = gate;
        this.metrics = metrics;
        this.budget = budget;
        this.ambiguous = new AmbiguousCalls(settings.id(), AmbiguousCalls.choice(settings, "retry"), metrics);
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
        String httpEndpoint = CamelHttp.endpoint(id, settings.baseUrl("http://localhost"));

        // the rate-limited key is paused in the quota gate; the retry waits there, holding no thread
        RetriesByClass.apply(from("direct:provider-" + id).routeId("provider-" + id), retry, circuits, settings.provider(),
                        rateLimited -> rateLimited.redeliveryDelay(0).retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG))
                .process(exchange -> exchange.setProperty(RelayHeaders.CIRCUIT_PROBE, circuits.admit(settings.provider())))
                .to(callRoute);

        // The quota permit is taken immediately before the request goes on the wire, after the image is
        // prepared, its URL published and the body encoded (with the key whose turn it is), so that the
        // send time the gate records is when the provider sees the call. A waiting image holds its
        // shaped request (the encoded copy), never decoded pixels.
        // An answer already paid for the same prepared bytes (reuse) ends the call before the quota gate.
        PreparedAnswers reuse = PreparedAnswers.in(getContext());
        from(callRoute).routeId("provider-" + id + "-call")
                .errorHandler(noErrorHandler())
                .process(this::prepareImage)
                .process(exchange -> reusePaid(exchange, reuse))
                .filter(PredicateBuilder.not(body().isInstanceOf(ProviderAnswer.class)))
                    .process(exchange -> shapeRequest(exchange, gate.likelyKey()))
                    // a call over the task's budget is not made, and takes no quota ("budget reached": the image waits)
                    .process(exchange -> exchange.setProperty(RelayHeaders.SPEND_RESERVATION, budget.reserve()))
                    .doTry()
                        .process(new QuotaStep(gate, RelayHeaders.QUOTA_LEASE))
                        .process(this::granted)
                        .to(callHttpRoute)
                        .process(this::readAnswer)
                    .doFinally()
                        .process(exchange -> {
                            SentOnTheWire.clear();
                            QuotaLease lease = exchange.getProperty(RelayHeaders.QUOTA_LEASE, QuotaLease.class);
                            if (lease != null) {
                                lease.release();
                            }
                            exchange.getProperty(RelayHeaders.SPEND_RESERVATION, TaskBudget.Reservation.class).release();
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
        PreparedImage refused = exchange.getProperty(RelayHeaders.PREPARED, PreparedImage.class);
        boolean shrink = exchange.getProperty(SHRINK, false, Boolean.class);
        PreparedImage image = preparation.prepare(job, adapter.requirements(), shrink ? refused : null);
        exchange.setProperty(RelayHeaders.PREPARED, image);
        String preparedSha256 = ImageInspector.sha256(image.bytes());
        // a retry of the same bytes keeps their link, so that it sends the same request
        boolean sameBytes = preparedSha256.equals(exchange.getProperty(RelayHeaders.PREPARED_SHA256, String.class));
        exchange.setProperty(RelayHeaders.PREPARED_SHA256, preparedSha256);
        if (adapter.wantsImageUrl() && !(sameBytes && exchange.getProperty(RelayHeaders.IMAGE_URL) != null)) {
            exchange.setProperty(RelayHeaders.IMAGE_URL, urls.urlFor(job, image, settings.millis("url-ttl", 3_600_000)));
        }
    }

    /** When these prepared bytes were paid for already (another file, same pixels), their answer is the body. */
    private void reusePaid(Exchange exchange, PreparedAnswers reuse) {
        String preparedSha256 = exchange.getProperty(RelayHeaders.PREPARED_SHA256, String.class);
        ProviderTask task = exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class);
        if (task == null) {
            return;
        }
        reuse.find(preparedSha256, task).ifPresent(answer -> {
            ProviderCallTime.sent(exchange);
            ProviderCallTime.answered(exchange);
            exchange.getMessage().setBody(answer);
        });
    }

    /** The permit is there: the call goes now (shaped again only when the grant carries another key of the pool). */
    private void granted(Exchange exchange) throws RelayException {
        if (!exchange.getProperty(RelayHeaders.CIRCUIT_PROBE, false, Boolean.class)) {
            // it may have opened while this call waited for quota (a call holding its budget share still goes)
            circuits.check(settings.provider(),
                    exchange.getProperty(RelayHeaders.SPEND_RESERVATION, TaskBudget.Reservation.class).holdsBudget());
        }
        QuotaLease lease = exchange.getProperty(RelayHeaders.QUOTA_LEASE, QuotaLease.class);
        if (lease.key() != exchange.getProperty(RelayHeaders.SHAPED_FOR, Secret.class)) {
            shapeRequest(exchange, lease.key());
        }
        metrics.quotaWait(settings.id(), Duration.ofNanos(exchange.getProperty(QuotaStep.WAITED, 0L, Long.class)));
        SentOnTheWire.expect(lease);
        ProviderCallTime.sent(exchange);
    }

    private void shapeRequest(Exchange exchange, Secret key) throws RelayException {
        if (key == null && adapter.requiresKey()) {
            throw new RelayException(ErrorClass.AUTH, "no API key is configured for " + settings.id()
                    + " (set relay.provider." + settings.provider() + ".api-key or .api-key-file)");
        }
        HttpCall call = adapter.request(exchange.getProperty(RelayHeaders.PREPARED, PreparedImage.class),
                exchange.getProperty(RelayHeaders.IMAGE_URL, URI.class), key);
        exchange.setProperty(RelayHeaders.SHAPED_FOR, key);

        CamelHttp.send(exchange, settings.baseUrl("http://localhost"), call);
    }

    private void noAnswer(Exchange exchange) throws RelayException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        RelayException failure = ambiguous.noAnswer(exchange, cause, settings.id() + " did not answer (" + CamelHttp.noAnswer(exchange) + ")");
        metrics.call(settings.id(), failure.errorClass().label(), ProviderCallTime.sinceSent(exchange));
        throw failure;
    }

    private void readAnswer(Exchange exchange) throws RelayException {
        var message = exchange.getMessage();
        HttpReply reply = CamelHttp.reply(exchange);
        Secret key = exchange.getProperty(RelayHeaders.QUOTA_LEASE, QuotaLease.class).key();
        RateLimitHeaders.read(reply).ifPresent(left -> gate.observe(key, left.remaining(), left.earliestReset(), left.latestReset()));
        try {
            ProviderAnswer answer = adapter.read(reply);
            metrics.call(settings.id(), "ok", ProviderCallTime.answered(exchange));
            circuits.answered(settings.provider(), exchange.getProperty(RelayHeaders.CIRCUIT_PROBE, false, Boolean.class));
            exchange.getProperty(RelayHeaders.SPEND_RESERVATION, TaskBudget.Reservation.class).paid(key,
                    exchange.getProperty(RelayHeaders.JOB, ImageJob.class).facts().sha256(), charged(answer));
            creditsLeft(answer).ifPresent(left -> metrics.creditsRemaining(settings.id(), KeyMask.fingerprint(key), left));
            message.setBody(AmbiguousCalls.withCount(exchange, answer));
        } catch (RelayException answered) {
            RelayException e = masked(answered, key); // before anything logs or keeps it
            metrics.call(settings.id(), e.errorClass().label(), ProviderCallTime.sinceSent(exchange));
            circuits.trip(settings.provider(), e); // before this call's slot is given to a waiting one
            if (e.errorClass() == ErrorClass.RATE_LIMITED) {
                gate.pause(key, e.retryAfter().orElse(Duration.ofMillis(retry.rateLimitedDelayMs())));
            }
            throw e;
        }
    }

    /** Credits left on the key, when the provider reports them (imagedescriber's creditsRemaining). */
    private static java.util.Optional<Long> creditsLeft(ProviderAnswer answer) {
        Object left = answer.usage().get("creditsRemaining");
        return left instanceof Number n ? java.util.Optional.of(n.longValue()) : java.util.Optional.empty();
    }

    /** Credits the provider says this call cost (imagedescriber's generate_tags), when it says so. */
    private static java.util.Optional<java.math.BigDecimal> charged(ProviderAnswer answer) {
        Object cost = answer.usage().get("credits");
        return cost instanceof Number n ? java.util.Optional.of(new java.math.BigDecimal(n.toString())) : java.util.Optional.empty();
    }

    /** Some providers quote the key they refused, whole or truncated: it must not reach logs or error records. */
    private static RelayException masked(RelayException e, Secret key) {
        String message = e.getMessage();
        if (message == null) {
            return e;
        }
        String masked = Secret.scrub(key == null ? message : new KeyMask(key.reveal()).mask(message));
        return masked.equals(message) ? e : e.withMessage(masked);
    }
}
