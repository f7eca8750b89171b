package io.captionrelay.provider.imaginepro;

import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.IMAGE_URL;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.KEY;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.MESSAGE_ID;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.NOT_RETRIED;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.PREPARED;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.QUOTA_LEASE;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.REF;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.SHRINK;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.SLOT;
import static io.captionrelay.provider.imaginepro.ImagineProSubmitRoutes.UNANSWERED;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.AmbiguousCalls;
import io.captionrelay.provider.CamelHttp;
import io.captionrelay.provider.ProviderCallTime;
import io.captionrelay.provider.PreparedAnswers;
import io.captionrelay.provider.ProviderContext;
import io.captionrelay.provider.SentOnTheWire;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaLease;
import io.captionrelay.spend.TaskBudget;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one ImaginePro submit ({@link ImagineProSubmitRoutes}): the image prepared and published, the request
 * shaped with the job's own id as {@code ref} (the same for every send of one submit, with the same link), the submit
 * read, and what follows a submit that got no answer.
 */
final class SubmitSteps {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitSteps.class);

    private final ProviderContext provider;
    private final ImagineProSettings settings;
    private final ImageRequirements requirements;
    private final ImagineProApi api;
    private final ImagineProJobs jobs;
    private final AmbiguousCalls ambiguous;
    private PreparedAnswers reuse = PreparedAnswers.NONE;

    SubmitSteps(ProviderContext provider, ImagineProSettings settings, ImageRequirements requirements, ImagineProApi api,
                ImagineProJobs jobs) {
        this.provider = provider;
        this.settings = settings;
        this.requirements = requirements;
        this.api = api;
        this.jobs = jobs;
        this.ambiguous = new AmbiguousCalls(settings.id, settings.onAmbiguous, provider.metrics());
    }

    /** Where answers already paid for the same prepared bytes are found (the routes bind it once the context is known). */
    void reuseFrom(PreparedAnswers answers) {
        this.reuse = answers;
    }

    void prepareSubmit(Exchange exchange) throws RelayException {
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
        String preparedSha256 = ImageInspector.sha256(image.bytes());
        ProviderTask task = exchange.getProperty(RelayHeaders.PROVIDER_TASK, ProviderTask.class);
        Optional<ProviderAnswer> paid = task == null ? Optional.empty() : reuse.find(preparedSha256, task);
        if (paid.isPresent()) { // these bytes were paid for already (another file, same pixels): no job
            exchange.getMessage().setBody(paid.get());
            if (Boolean.TRUE.equals(exchange.removeProperty(SLOT))) {
                jobs.pending().returnSlot();
            }
            return;
        }
        // a resend of the same bytes keeps their link (and its ref), so that it sends the same request
        if (!preparedSha256.equals(exchange.getProperty(RelayHeaders.PREPARED_SHA256, String.class))
                || exchange.getProperty(IMAGE_URL) == null) {
            exchange.setProperty(IMAGE_URL, provider.urls().urlFor(job, image, settings.urlTtl));
        }
        exchange.setProperty(RelayHeaders.PREPARED_SHA256, preparedSha256);
        if (exchange.getProperty(REF) == null) {
            exchange.setProperty(REF, UUID.randomUUID().toString()); // kept by every send of this submit
        }
        shapeSubmit(exchange, provider.gate().likelyKey());
    }

    /** The permit is there: the submit goes now (shaped again only when the grant carries another key of the pool). */
    void grantedSubmit(Exchange exchange) {
        QuotaLease lease = exchange.getProperty(QUOTA_LEASE, QuotaLease.class);
        if (lease.key() != exchange.getProperty(KEY, Secret.class)) {
            shapeSubmit(exchange, lease.key());
        }
        SentOnTheWire.expect(lease);
        ProviderCallTime.sent(exchange);
    }

    private void shapeSubmit(Exchange exchange, Secret key) {
        exchange.setProperty(KEY, key);
        CamelHttp.send(exchange, settings.baseUrl, api.submit(exchange.getProperty(IMAGE_URL, URI.class),
                exchange.getProperty(REF, String.class), settings.webhookUrl, settings.timeoutSeconds, key));
    }

    /**
     * No answer to the submit: resent when it never reached ImaginePro or {@code on-ambiguous=retry} (same ref);
     * otherwise, with webhooks on, its job is waited for by its ref (a webhook naming it is adopted once the app's own
     * fetch confirms it); without webhooks the image is parked as possibly charged.
     */
    void submitNotAnswered(Exchange exchange) throws RelayException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String what = CamelHttp.noAnswer(exchange);
        if (AmbiguousCalls.neverSent(cause)) {
            throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro could not be reached (" + what + ")", cause);
        }
        RelayException failure = ambiguous.noAnswer(exchange, cause, "ImaginePro did not answer the submit of job "
                + exchange.getProperty(REF, String.class) + " (" + what + ")");
        if (failure.errorClass() != ErrorClass.AMBIGUOUS) {
            throw failure;
        }
        exchange.setProperty(NOT_RETRIED, true);
        if (!settings.webhookEnabled) {
            throw failure;
        }
        exchange.setProperty(UNANSWERED, true);
        exchange.removeProperty(SLOT); // the unanswered submit holds it until adopted or past its deadline
        exchange.getMessage().setBody(null);
        LOG.warn("ImaginePro did not answer the submit of {} as job {} ({}); waiting for a webhook naming that ref",
                exchange.getProperty(RelayHeaders.JOB, ImageJob.class).source(), exchange.getProperty(REF, String.class), what);
    }

    void readSubmit(Exchange exchange) throws RelayException {
        if (exchange.getProperty(UNANSWERED, false, Boolean.class)) {
            return;
        }
        String messageId;
        try {
            messageId = api.readSubmit(CamelHttp.reply(exchange));
        } catch (ImagineProApi.UnreadableAcceptance unreadable) {
            exchange.setProperty(NOT_RETRIED, true);
            throw unreadable;
        }
        provider.circuits().answered(settings.provider, exchange.getProperty(RelayHeaders.CIRCUIT_PROBE, false, Boolean.class));
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        // an accepted job is paid (ImaginePro charges at submit)
        exchange.getProperty(RelayHeaders.SPEND_RESERVATION, TaskBudget.Reservation.class)
                .paid(exchange.getProperty(KEY, Secret.class), job.facts().sha256(), Optional.empty());
        jobs.submitted(messageId, job.facts().sha256(), exchange.getProperty(KEY, Secret.class), Instant.now());
        exchange.removeProperty(SLOT); // the job holds it now
        exchange.setProperty(MESSAGE_ID, messageId);
        exchange.getMessage().setBody(null);
        LOG.info("ImaginePro accepted {} as job {}", job.source(), messageId);
    }
}
