package io.captionrelay.provider.imaginepro;

import io.captionrelay.provider.CamelHttp;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaStep;
import com.fasterxml.jackson.databind.JsonNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageFormat;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.pipeline.ImageJob;
import io.captionrelay.pipeline.RelayHeaders;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpProviderRoutes;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ProviderContext;
import io.captionrelay.provider.RetryPolicy;
import io.captionrelay.provider.RetriesByClass;
import io.captionrelay.provider.Secret;
import io.captionrelay.provider.SentOnTheWire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImaginePro describe (PROVIDERS.md §3), asynchronous: the submit is answered with a message id, the
 * result comes later. Routes, for task id {@code imaginepro}:
 * <ul>
 *   <li>{@code provider-imaginepro} ({@code direct:provider-imaginepro}, what the pipeline calls): finds the
 *       image's recorded job, if any (a finished result not yet delivered answers at once; a running job is
 *       waited on, never submitted again), otherwise submits; then waits for the job <em>without holding a
 *       thread</em>: the exchange's callback is parked in {@link PendingJobs} until the job ends;</li>
 *   <li>{@code provider-imaginepro-new}: takes one of {@code max-concurrent-jobs} slots (waiting for one on the
 *       calling thread when all are taken: the pipeline's back-pressure), then submits; {@code provider-imaginepro-submit} holds the retry and circuit rules
 *       of {@link HttpProviderRoutes} and {@code provider-imaginepro-submit-call} prepares the image, gets its
 *       public URL, sends the submit and records the job <em>before</em> anything waits on it;</li>
 *   <li>{@code imaginepro-poller}: a timer that fetches every job whose poll is due ({@code poll-interval},
 *       growing ×1.5 up to {@code poll-max-interval}) through {@code imaginepro-fetch}; it keeps running while
 *       Camel shuts down gracefully so that jobs finishing within the shutdown timeout still complete;</li>
 *   <li>{@code imaginepro-webhook} (only with {@code webhook-enabled=true}): a POST from ImaginePro about a
 *       live job of this task is a hint: the message is fetched at once to confirm; the body is never trusted.</li>
 * </ul>
 * On shutdown, exchanges still waiting are left alone: their items stay in the inbox, and at the next
 * start the same image finds its recorded job and resumes it.
 */
public final class ImagineProRoutes extends RouteBuilder {

    /** Exchange property: the message id of the job the exchange waits for. */
    static final String MESSAGE_ID = "CaptionRelayImagineProMessage";
    /** Exchange property: true while the exchange holds a job slot not yet handed to a job. */
    static final String SLOT = "CaptionRelayImagineProSlot";
    /** Exchange property: set when the provider refused the last attempt as bad input (shared meaning). */
    static final String SHRINK = RetriesByClass.SHRINK;
    private static final String PREPARED = "CaptionRelayPrepared";
    private static final String KEY = "CaptionRelayImagineProKey";
    private static final String IMAGE_URL = "CaptionRelayImageUrl";
    /** Exchange property: the failure must not be retried, because the provider may have accepted the job. */
    private static final String NOT_RETRIED = "CaptionRelayImagineProNotRetried";
    private static final String FETCH_ID = "CaptionRelayImagineProFetch";
    private static final String FETCH_FAILED = "CaptionRelayImagineProFetchFailed";
    private static final String WEBHOOK_STATUS = "CaptionRelayImagineProWebhookStatus";
    /** Camel counts redeliveries in these headers: clearing them would retry for ever. */
    private static final String KEEP = "CamelRedelivery*";

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProRoutes.class);

    private final ProviderContext provider;
    private final ImagineProSettings settings;
    private final ImageRequirements requirements;
    private final ImagineProApi api;
    private final ImagineProJobs jobs;

    public ImagineProRoutes(ProviderContext provider) {
        this.provider = provider;
        this.settings = new ImagineProSettings(provider.settings());
        this.requirements = new ImageRequirements(Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP),
                provider.settings().longValue("max-bytes", 1_000_000), provider.settings().bool("keep-gps", false));
        this.api = new ImagineProApi(provider.mapper(), settings.pollPath);
        this.jobs = new ImagineProJobs(settings, new JobTable(provider.dataSource()), provider.circuits(), provider.mapper());
    }

    private static final String QUOTA_LEASE = "CaptionRelayQuotaLease";

    @Override
    public void configure() {
        String id = settings.id;
        jobs.completeOn(getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, id + "-completion", settings.completionThreads));
        RetryPolicy retry = provider.retry();

        from("direct:provider-" + id).routeId("provider-" + id)
                .errorHandler(noErrorHandler())
                .process(this::lookup)
                .filter(exchangeProperty(MESSAGE_ID).isNull())
                    .to("direct:provider-" + id + "-new")
                .end()
                .process(new JobWait());

        from("direct:provider-" + id + "-new").routeId("provider-" + id + "-new")
                .errorHandler(noErrorHandler())
                .process(new SlotGate())
                .doTry()
                    .to("direct:provider-" + id + "-submit")
                .doCatch(Exception.class)
                    .process(this::returnSlotAndFail)
                .end();

        // The rules of RetriesByClass, spelled out because two differ: a submit that may have reached ImaginePro
        // (NOT_RETRIED) is never sent again, and a rate limit waits for ImaginePro's Retry-After here (its
        // submits have no quota pause to wait in). The from(...) chain stays whole for camel-report's checks.
        from("direct:provider-" + id + "-submit").routeId("provider-" + id + "-submit")
                .onException(RelayException.class).onWhen(exchangeProperty(NOT_RETRIED).isEqualTo(true))
                    .maximumRedeliveries(0).logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(RetriesByClass.errorClass(ErrorClass.TRANSIENT))
                    .maximumRedeliveries(retry.transientAttempts())
                    .redeliveryDelay(retry.transientInitialDelayMs()).useExponentialBackOff().backOffMultiplier(2)
                    .useCollisionAvoidance().maximumRedeliveryDelay(retry.transientMaxDelayMs())
                    .asyncDelayedRedelivery().retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(RetriesByClass.errorClass(ErrorClass.RATE_LIMITED))
                    .maximumRedeliveries(retry.rateLimitedAttempts())
                    .redeliveryDelay(retry.rateLimitedDelayMs()).asyncDelayedRedelivery()
                    .onExceptionOccurred(this::waitAsAsked)
                    .retryAttemptedLogLevel(LoggingLevel.INFO).logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(RetriesByClass.errorClass(ErrorClass.BAD_INPUT))
                    .maximumRedeliveries(1).redeliveryDelay(0)
                    .onRedelivery(exchange -> exchange.setProperty(SHRINK, true))
                    .logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class).onWhen(RetriesByClass.errorClass(ErrorClass.AUTH, ErrorClass.OUT_OF_CREDIT))
                    .maximumRedeliveries(0)
                    .onExceptionOccurred(exchange -> provider.circuits().trip(settings.provider, RetriesByClass.failure(exchange)))
                    .logStackTrace(false).logExhausted(false)
                .end()
                .onException(RelayException.class)
                    .maximumRedeliveries(0).logStackTrace(false).logExhausted(false)
                .end()
                .process(exchange -> provider.circuits().admit(settings.provider))
                .to("direct:provider-" + id + "-submit-call");

        // Submits are held by the task's quota gate (polls are not: they cost nothing). The permit is taken
        // immediately before the submit goes on the wire, after the image is prepared and its URL published,
        // so that the send time the gate records is when ImaginePro sees the submit.
        from("direct:provider-" + id + "-submit-call").routeId("provider-" + id + "-submit-call")
                .errorHandler(noErrorHandler())
                .process(this::prepareSubmit)
                .process(new QuotaStep(provider.gate(), QUOTA_LEASE))
                .doTry()
                    .process(this::grantedSubmit)
                    .to("direct:provider-" + id + "-submit-http")
                    .process(this::readSubmit)
                .doFinally()
                    .process(exchange -> {
                        SentOnTheWire.clear();
                        exchange.getProperty(QUOTA_LEASE, QuotaGate.Lease.class).release();
                    })
                .end();

        from("direct:provider-" + id + "-submit-http").routeId("provider-" + id + "-submit-http")
                .errorHandler(noErrorHandler())
                .doTry()
                    .to(httpEndpoint())
                .doCatch(IOException.class)
                    .process(this::submitNotAnswered)
                .end();

        from("timer:" + id + "-poller?period=" + settings.pollerPeriod.toMillis() + "&delay=" + settings.pollerPeriod.toMillis())
                .routeId(id + "-poller")
                // keeps polling while other routes finish their in-flight exchanges at shutdown
                .shutdownRoute(ShutdownRoute.Defer)
                .process(exchange -> exchange.getMessage().setBody(jobs.due(Instant.now())))
                .split(body())
                    .to("direct:" + id + "-fetch")
                .end();

        from("direct:" + id + "-fetch").routeId(id + "-fetch")
                .errorHandler(noErrorHandler())
                .process(this::shapeFetch)
                .filter(exchangeProperty(FETCH_FAILED).isNull())
                    .doTry()
                        .to(httpEndpoint())
                    .doCatch(Exception.class)
                        .process(this::fetchNotAnswered)
                    .end()
                .end()
                .process(this::readFetch);

        if (settings.webhookEnabled) {
            from("platform-http:" + settings.webhookPath + "?httpMethodRestrict=POST").routeId(id + "-webhook")
                    .errorHandler(noErrorHandler())
                    .process(this::webhookHint)
                    .filter(exchangeProperty(FETCH_ID).isNotNull())
                        .to("direct:" + id + "-fetch")
                    .end()
                    .process(this::webhookReply);
        }
    }

    /**
     * The task's own camel-http component ({@link HttpProviderRoutes#componentName}, registered by the
     * application with HttpClient's retries off); the URL actually called is set per request in CamelHttpUri.
     */
    private String httpEndpoint() {
        return HttpProviderRoutes.componentName(settings.id) + "://" + settings.baseUrl.getAuthority()
                + "?throwExceptionOnFailure=false";
    }

    /** The jobs these routes wait on, for tests and status output. */
    PendingJobs pending() {
        return jobs.pending();
    }

    // ---- describing one image ---------------------------------------------------------------------

    private void lookup(Exchange exchange) throws RelayException {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        exchange.removeProperty(MESSAGE_ID);
        exchange.removeProperty(SHRINK);
        exchange.removeProperty(PREPARED);
        jobs.recorded(job.facts().sha256()).ifPresent(messageId -> exchange.setProperty(MESSAGE_ID, messageId));
    }

    /**
     * Takes a job slot, waiting on this thread while all are taken (the pipeline's back-pressure). While
     * the app stops no new job is started: the exchange is then left uncompleted, so its item stays in
     * its source and is described at the next start.
     */
    private final class SlotGate extends AsyncProcessorSupport {
        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            if (jobs.pending().takeSlot(() -> getContext().isStopping() || getContext().isStopped())) {
                exchange.setProperty(SLOT, true);
                callback.done(true);
                return true;
            }
            LOG.info("Stopping: {} is not submitted to ImaginePro and stays where it is, for the next start",
                    exchange.getProperty(RelayHeaders.JOB, ImageJob.class).source());
            return false;
        }
    }

    /** Waits for the job named in {@link #MESSAGE_ID}; the exchange's callback is called when the job ends. */
    private final class JobWait extends AsyncProcessorSupport {
        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            return jobs.await(exchange.getProperty(MESSAGE_ID, String.class), exchange, callback);
        }
    }

    private void returnSlotAndFail(Exchange exchange) throws Exception {
        if (Boolean.TRUE.equals(exchange.removeProperty(SLOT))) {
            jobs.pending().returnSlot();
        }
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private void prepareSubmit(Exchange exchange) throws RelayException {
        exchange.removeProperty(NOT_RETRIED);
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        if (settings.keys.isEmpty()) {
            throw new RelayException(ErrorClass.AUTH, "no API key is configured for " + settings.id
                    + " (set " + settings.key("api-key") + " or " + settings.key("api-key-file") + ")");
        }
        PreparedImage refused = exchange.getProperty(PREPARED, PreparedImage.class);
        boolean shrink = exchange.getProperty(SHRINK, false, Boolean.class);
        PreparedImage image = provider.preparation().prepare(job, requirements, shrink ? refused : null);
        exchange.setProperty(PREPARED, image);
        exchange.setProperty(IMAGE_URL, provider.urls().urlFor(job, image, settings.urlTtl));
        shapeSubmit(exchange, provider.gate().likelyKey());
    }

    /** The permit is there: the submit goes now (shaped again only when the grant carries another key of the pool). */
    private void grantedSubmit(Exchange exchange) throws RelayException {
        Secret key = exchange.getProperty(QUOTA_LEASE, QuotaGate.Lease.class).key();
        if (key != exchange.getProperty(KEY, Secret.class)) {
            shapeSubmit(exchange, key);
        }
        SentOnTheWire.expect(exchange.getProperty(QUOTA_LEASE, QuotaGate.Lease.class));
    }

    private void shapeSubmit(Exchange exchange, Secret key) {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        exchange.setProperty(KEY, key);
        send(exchange, api.submit(exchange.getProperty(IMAGE_URL, URI.class), job.facts().sha256(), settings.webhookUrl,
                settings.timeoutSeconds, key));
    }

    private void submitNotAnswered(Exchange exchange) throws RelayException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().removeHeaders("*", KEEP);
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        if (neverSent(cause)) {
            throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro could not be reached (" + what + ")", cause);
        }
        exchange.setProperty(NOT_RETRIED, true);
        throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro did not answer the submit (" + what + "); it may have "
                + "accepted the job, so the image is not sent again automatically: move it back into the inbox to retry", cause);
    }

    private void readSubmit(Exchange exchange) throws RelayException {
        HttpReply reply = reply(exchange);
        String messageId;
        try {
            messageId = api.readSubmit(reply);
        } catch (ImagineProApi.UnreadableAcceptance unreadable) {
            exchange.setProperty(NOT_RETRIED, true);
            throw unreadable;
        }
        provider.circuits().answered(settings.provider);
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        jobs.submitted(messageId, job.facts().sha256(), exchange.getProperty(KEY, Secret.class), Instant.now());
        exchange.removeProperty(SLOT); // the job holds it now
        exchange.setProperty(MESSAGE_ID, messageId);
        exchange.getMessage().setBody(null);
        LOG.info("ImaginePro accepted {} as job {}", job.source(), messageId);
    }

    // ---- polling ------------------------------------------------------------------------------------

    private void shapeFetch(Exchange exchange) {
        String messageId = exchange.getMessage().getBody(String.class);
        exchange.setProperty(FETCH_ID, messageId);
        exchange.removeProperty(FETCH_FAILED);
        exchange.getMessage().removeHeaders("*", KEEP);
        try {
            provider.circuits().check(settings.provider);
        } catch (RelayException stopped) {
            exchange.setProperty(FETCH_FAILED, stopped);
            return;
        }
        Optional<Secret> key = jobs.keyFor(messageId);
        if (key.isEmpty()) {
            exchange.setProperty(FETCH_FAILED, new RelayException(ErrorClass.AUTH, "no API key is configured for " + settings.id));
            return;
        }
        send(exchange, api.fetch(messageId, key.get()));
    }

    private void fetchNotAnswered(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().removeHeaders("*", KEEP);
        exchange.setProperty(FETCH_FAILED, new RelayException(ErrorClass.TRANSIENT, "ImaginePro did not answer the fetch ("
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause));
    }

    /** Never throws: one job's trouble must not stop the poller or the other jobs. */
    private void readFetch(Exchange exchange) {
        String messageId = exchange.getProperty(FETCH_ID, String.class);
        Instant now = Instant.now();
        RelayException failed = exchange.getProperty(FETCH_FAILED, RelayException.class);
        try {
            if (failed == null) {
                try {
                    jobs.fetched(api.readMessage(messageId, reply(exchange)), now);
                } catch (RelayException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                jobs.fetchFailed(messageId, failed, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling ImaginePro job {} went wrong: {}", messageId, e.toString());
            jobs.fetchFailed(messageId, new RelayException(ErrorClass.TRANSIENT, e.toString(), e), now);
        }
        exchange.getMessage().removeHeaders("*", KEEP);
        exchange.getMessage().setBody(null);
    }

    // ---- webhook ------------------------------------------------------------------------------------

    /** Decides what a webhook call leads to; never trusts what the body says about the job. */
    private void webhookHint(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        exchange.removeProperty(FETCH_ID);
        String messageId = null;
        try {
            JsonNode json = body == null || body.isBlank() ? null : provider.mapper().readTree(body);
            messageId = json != null && json.isObject() ? ImagineProApi.text(json, "messageId").orElse(null) : null;
        } catch (IOException notJson) {
            // answered 400 below
        }
        if (messageId == null) {
            exchange.setProperty(WEBHOOK_STATUS, 400);
            return;
        }
        try {
            ImagineProJobs.Hint hint = jobs.hint(messageId, Instant.now());
            LOG.debug("ImaginePro webhook about job {}: {}", messageId, hint);
            switch (hint) {
                case UNKNOWN -> exchange.setProperty(WEBHOOK_STATUS, 404);
                case FINISHED -> exchange.setProperty(WEBHOOK_STATUS, 200);
                case LATER -> exchange.setProperty(WEBHOOK_STATUS, 202);
                case FETCH -> {
                    exchange.setProperty(WEBHOOK_STATUS, 202);
                    exchange.setProperty(FETCH_ID, messageId);
                    exchange.getMessage().setBody(messageId);
                }
            }
        } catch (SQLException e) {
            LOG.warn("ImaginePro webhook about job {} could not be checked: {}", messageId, e.getMessage());
            exchange.setProperty(WEBHOOK_STATUS, 503);
        }
    }

    private void webhookReply(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*"); // nothing of the request, or of the fetch, goes back
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, exchange.getProperty(WEBHOOK_STATUS, 500, Integer.class));
        message.setBody("");
    }

    // ---- shared -------------------------------------------------------------------------------------

    private void send(Exchange exchange, HttpCall call) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", KEEP);
        call.headers().forEach(message::setHeader);
        if (call.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, call.contentType());
        }
        message.setHeader(Exchange.HTTP_METHOD, call.method());
        message.setHeader(Exchange.HTTP_URI, settings.baseUrl + call.path());
        message.setBody(call.body());
    }

    private static HttpReply reply(Exchange exchange) {
        return CamelHttp.reply(exchange);
    }

    /** True when the request cannot have reached the provider, so sending it again cannot pay twice. */
    private static boolean neverSent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t.getClass().getName().equals("org.apache.hc.client5.http.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Puts the provider's Retry-After, when given, in place of the default delay before the next attempt. */
    private void waitAsAsked(Exchange exchange) {
        RelayException limited = RetriesByClass.failure(exchange);
        Duration wait = limited == null ? null : limited.retryAfter().orElse(null);
        if (wait != null) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.max(1, wait.toMillis()));
        }
    }

}
