package io.captionrelay.provider.imaginepro;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.ProviderCircuits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fetch of a job leads to: DONE answers its waiters, FAIL ends it (a {@link JobFailed} when the failure is
 * nobody's fault, which the routes submit again up to {@code fail-retries} times), other statuses and unanswered
 * fetches keep it polled until its deadline; error answers that settle it (404, 400, 401) end it.
 */
final class JobFetches {

    private static final Logger LOG = LoggerFactory.getLogger(JobFetches.class);

    private final ImagineProSettings settings;
    private final JobRecords records;
    private final PendingJobs pending;
    private final ProviderCircuits circuits;
    private final ImagineProJobs jobs;

    JobFetches(ImagineProSettings settings, JobRecords records, PendingJobs pending, ProviderCircuits circuits, ImagineProJobs jobs) {
        this.settings = settings;
        this.records = records;
        this.pending = pending;
        this.circuits = circuits;
        this.jobs = jobs;
    }

    /** What a fetch said about a job. */
    void fetched(ImagineProApi.JobMessage message, Instant now) {
        String id = message.messageId();
        if (message.done()) {
            records.finish(id, JobTable.DONE, message.json().toString(), null, now);
            List<JobWaiter> waiters = pending.end(id);
            if (!waiters.isEmpty()) {
                waiters.forEach(waiter -> waiter.onCompleted(() -> records.delivered(id, Instant.now())));
                try {
                    jobs.wake(waiters, DescribePrompts.answer(message.json(), id), null);
                } catch (RelayException unreadable) {
                    jobs.wake(waiters, null, unreadable);
                }
            }
            LOG.info("ImaginePro job {} done", id);
        } else if (message.failed()) {
            String reason = "ImaginePro job " + id + " failed: " + (message.error() == null ? "no reason given" : Secret.scrub(message.error()));
            ErrorClass errorClass = ImagineProErrors.failureClass(message.error());
            RelayException failure = errorClass == ErrorClass.TRANSIENT ? new JobFailed(reason) : new RelayException(errorClass, reason);
            circuits.trip(settings.provider, failure);
            records.finish(id, JobTable.FAIL, message.json().toString(), reason, now);
            LOG.warn("{} ({})", reason, errorClass.label());
            jobs.end(id, failure);
        } else {
            records.progress(id, message.status(), message.progress(), now);
            LOG.debug("ImaginePro job {}: {}", id, message.describe());
            goesOn(id, now, message.describe(), null);
        }
    }

    /** A fetch that brought no message: an error answer, or no answer at all. */
    void fetchFailed(String messageId, RelayException e, Instant now) {
        if (e instanceof ImagineProApi.UnknownMessage) {
            String reason = e.getMessage() + "; the job is given up (move the image back into the inbox to submit it again, "
                    + "which is paid again)";
            records.finish(messageId, JobTable.FAIL, null, reason, now);
            LOG.warn(reason);
            jobs.end(messageId, new RelayException(ErrorClass.TRANSIENT, reason));
            return;
        }
        switch (e.errorClass()) {
            case AUTH, OUT_OF_CREDIT -> {
                // the job stays recorded and live: once the key is fixed, the image resumes it
                circuits.trip(settings.provider, e);
                jobs.end(messageId, e);
            }
            case BAD_INPUT, REFUSED_CONTENT -> {
                records.finish(messageId, JobTable.FAIL, null, e.getMessage(), now);
                jobs.end(messageId, e);
            }
            default -> {
                records.polled(messageId, now);
                LOG.warn("Polling ImaginePro job {} failed, polling again later: {}", messageId, e.getMessage());
                goesOn(messageId, now, e.getMessage(), e.retryAfter().orElse(null));
            }
        }
    }

    private void goesOn(String messageId, Instant now, String news, Duration atLeast) {
        Optional<PendingJobs.Tracked> tracked = pending.get(messageId);
        if (tracked.isEmpty()) {
            return;
        }
        if (!now.isBefore(tracked.get().deadline())) {
            String reason = "ImaginePro job " + messageId + " did not finish in time (submitted "
                    + Duration.between(tracked.get().submittedAt(), now).toSeconds() + " s ago, past its deadline ("
                    + settings.key("wait-timeout") + "); last news: " + news + ")";
            records.finish(messageId, JobTable.TIMEOUT, null, reason, now);
            LOG.warn(reason);
            jobs.end(messageId, new RelayException(ErrorClass.TRANSIENT, reason));
        } else {
            pending.polled(messageId, now, atLeast);
        }
    }
}
