package io.captionrelay.provider.imaginepro;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.provider.CamelHttp;
import io.captionrelay.provider.PreparedAnswers;
import io.captionrelay.provider.ProviderCallTime;
import io.captionrelay.provider.ProviderContext;
import io.captionrelay.provider.RetriesByClass;
import io.captionrelay.provider.SentOnTheWire;
import io.captionrelay.model.Secret;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaLease;
import io.captionrelay.quota.QuotaStep;
import io.captionrelay.spend.TaskBudget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.builder.PredicateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describing one image with ImaginePro, for task id {@code imaginepro}:
 * <ul>
 *   <li>{@code provider-imaginepro} (what the pipeline calls): runs {@code -attempt} again when its job ended FAIL
 *       through nobody's fault ({@link JobFailed}), up to {@code fail-retries} times;</li>
 *   <li>{@code provider-imaginepro-attempt}: finds the image's recorded job, if any (a finished
 *       result not yet delivered answers at once; a running job is waited on, never submitted again), otherwise
 *       submits; then waits for the job <em>without holding a thread</em>, parked in {@link PendingJobs} (or, for a
 *       submit that got no answer while webhooks are on, in {@link UnansweredSubmits} until a webhook names its ref);</li>
 *   <li>{@code provider-imaginepro-new}: takes one of {@code max-concurrent-jobs} slots (waiting on the calling
 *       thread when all are taken: the pipeline's back-pressure), then submits;</li>
 *   <li>{@code provider-imaginepro-submit}: the retry rules of {@link RetriesByClass}, with two of its own: a submit
 *       that may have reached ImaginePro is never sent again, and a rate limit waits for its {@code Retry-After};</li>
 *   <li>{@code provider-imaginepro-submit-call} and {@code -submit-http}: image and its public URL, quota gate
 *       right before the send, the submit, and the job recorded <em>before</em> anything waits on it
 *       ({@link SubmitSteps}).</li>
 * </ul>
 */
final class ImagineProSubmitRoutes extends RouteBuilder {

    /** Exchange property: the message id of the job the exchange waits for. */
    static final String MESSAGE_ID = RelayHeaders.IMAGINEPRO_MESSAGE;
    /** Exchange property: true while the exchange holds a job slot not yet handed to a job. */
    static final String SLOT = RelayHeaders.IMAGINEPRO_SLOT;
    static final String SHRINK = RetriesByClass.SHRINK;
    static final String PREPARED = RelayHeaders.PREPARED;
    static final String KEY = RelayHeaders.IMAGINEPRO_KEY;
    static final String IMAGE_URL = RelayHeaders.IMAGE_URL;
    static final String QUOTA_LEASE = RelayHeaders.QUOTA_LEASE;
    /** Exchange property: the failure must not be retried, because the provider may have accepted the job. */
    static final String NOT_RETRIED = RelayHeaders.IMAGINEPRO_NOT_RETRIED;
    /** Exchange property: the job's own id, sent as {@code ref}; the same for every send of one submit. */
    static final String REF = RelayHeaders.IMAGINEPRO_REF;
    /** Exchange property: the submit got no answer; its job is waited for by its ref. */
    static final String UNANSWERED = RelayHeaders.IMAGINEPRO_UNANSWERED;

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProSubmitRoutes.class);

    private final ProviderContext provider;
    private final ImagineProSettings settings;
    private final ImageRequirements requirements;
    private final ImagineProApi api;
    private final ImagineProJobs jobs;
    private final SubmitSteps steps;

    ImagineProSubmitRoutes(ProviderContext provider, ImagineProSettings settings, ImageRequirements requirements,
                           ImagineProApi api, ImagineProJobs jobs) {
        this.provider = provider;
        this.settings = settings;
        this.requirements = requirements;
        this.api = api;
        this.jobs = jobs;
        this.steps = new SubmitSteps(provider, settings, requirements, api, jobs);
    }

    @Override
    public void configure() {
        String id = settings.id;
        steps.reuseFrom(PreparedAnswers.in(getContext()));
        // a job that ended FAIL through nobody's fault is submitted again (a new job, a new ref) up to fail-retries times
        RouteDefinition main = from("direct:provider-" + id).routeId("provider-" + id);
        main.onException(JobFailed.class).maximumRedeliveries(settings.failRetries).redeliveryDelay(0)
                .retryAttemptedLogLevel(LoggingLevel.WARN).logStackTrace(false).logExhausted(false);
        main.onException(Exception.class).maximumRedeliveries(0).logStackTrace(false).logExhausted(false);
        main.to("direct:provider-" + id + "-attempt");

        from("direct:provider-" + id + "-attempt").routeId("provider-" + id + "-attempt")
                .errorHandler(noErrorHandler())
                .process(this::lookup)
                .filter(exchangeProperty(MESSAGE_ID).isNull())
                    .to("direct:provider-" + id + "-new")
                .end()
                .process(new JobWait())
                .process(ProviderCallTime::answered);

        from("direct:provider-" + id + "-new").routeId("provider-" + id + "-new")
                .errorHandler(noErrorHandler())
                .process(new SlotGate())
                .doTry()
                    .to("direct:provider-" + id + "-submit")
                .doCatch(Exception.class)
                    .process(this::returnSlotAndFail)
                .end();

        RouteDefinition submit = from("direct:provider-" + id + "-submit").routeId("provider-" + id + "-submit");
        submit.onException(RelayException.class).onWhen(exchangeProperty(NOT_RETRIED).isEqualTo(true))
                .maximumRedeliveries(0).logStackTrace(false).logExhausted(false);
        // ImaginePro's submits have no quota pause to wait in: a rate limit waits for Retry-After here
        RetriesByClass.apply(submit, provider.retry(), provider.circuits(), settings.provider,
                rateLimited -> rateLimited.redeliveryDelay(provider.retry().rateLimitedDelayMs()).asyncDelayedRedelivery()
                        .onExceptionOccurred(this::waitAsAsked).retryAttemptedLogLevel(LoggingLevel.INFO));
        submit.onException(RelayException.class).maximumRedeliveries(0).logStackTrace(false).logExhausted(false);
        submit.process(exchange -> exchange.setProperty(RelayHeaders.CIRCUIT_PROBE, provider.circuits().admit(settings.provider)))
                .to("direct:provider-" + id + "-submit-call");

        // Submits are held by the task's quota gate (polls are not: they cost nothing). The permit is taken
        // immediately before the submit goes on the wire, after the image is prepared and its URL published,
        // so that the send time the gate records is when ImaginePro sees the submit.
        from("direct:provider-" + id + "-submit-call").routeId("provider-" + id + "-submit-call")
                .errorHandler(noErrorHandler())
                .process(steps::prepareSubmit)
                .filter(PredicateBuilder.not(body().isInstanceOf(ProviderAnswer.class))) // else reused: no submit
                    // a submit over the task's budget is not made ("budget reached": the image waits)
                    .process(exchange -> exchange.setProperty(RelayHeaders.SPEND_RESERVATION, provider.budget().reserve()))
                    .doTry()
                        .process(new QuotaStep(provider.gate(), QUOTA_LEASE))
                        .process(steps::grantedSubmit)
                        .to("direct:provider-" + id + "-submit-http")
                        .process(steps::readSubmit)
                    .doFinally()
                        .process(exchange -> {
                            SentOnTheWire.clear();
                            QuotaLease lease = exchange.getProperty(QUOTA_LEASE, QuotaLease.class);
                            if (lease != null) {
                                lease.release();
                            }
                            exchange.getProperty(RelayHeaders.SPEND_RESERVATION, TaskBudget.Reservation.class).release();
                        })
                .end();

        from("direct:provider-" + id + "-submit-http").routeId("provider-" + id + "-submit-http")
                .errorHandler(noErrorHandler())
                .doTry()
                    .to(CamelHttp.endpoint(id, settings.baseUrl))
                .doCatch(IOException.class)
                    .process(steps::submitNotAnswered)
                .end();
    }

    private void lookup(Exchange exchange) throws RelayException {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        exchange.removeProperty(MESSAGE_ID);
        exchange.removeProperty(SHRINK);
        exchange.removeProperty(PREPARED);
        exchange.removeProperty(REF); // a new job, a new id
        exchange.removeProperty(IMAGE_URL);
        exchange.removeProperty(UNANSWERED);
        ProviderCallTime.sent(exchange); // a resumed job is timed from here; a new one from its submit
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
            if (exchange.getMessage().getBody() instanceof ProviderAnswer) { // reused: paid for the same bytes before
                callback.done(true);
                return true;
            }
            if (exchange.getProperty(UNANSWERED, false, Boolean.class)) {
                ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
                jobs.awaitUnanswered(exchange.getProperty(REF, String.class), job.facts().sha256(), exchange.getProperty(KEY, Secret.class),
                        Instant.now(), new ExchangeWaiter(exchange, callback));
                return false;
            }
            return jobs.await(exchange.getProperty(MESSAGE_ID, String.class), new ExchangeWaiter(exchange, callback));
        }
    }

    private void returnSlotAndFail(Exchange exchange) throws Exception {
        if (Boolean.TRUE.equals(exchange.removeProperty(SLOT))) {
            jobs.pending().returnSlot();
        }
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
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
