package io.captionrelay.provider.imaginepro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.model.Secret;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of ImaginePro jobs: recorded in {@link JobTable} when accepted, waited on through
 * {@link PendingJobs}, and ended by what a fetch says (DONE, FAIL), by an error answer that settles it
 * (404, 400, 401), or by the deadline. Ending a job wakes its waiters, on the
 * completion executor, so the poller never runs the rest of the pipeline itself.
 */
final class ImagineProJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProJobs.class);

    private final ImagineProSettings settings;
    private final JobTable table;
    private final JobRecords records;
    private final PendingJobs pending;
    private final ProviderCircuits circuits;
    private final ObjectMapper mapper;
    private volatile Executor completions = Runnable::run;

    ImagineProJobs(ImagineProSettings settings, JobTable table, ProviderCircuits circuits, ObjectMapper mapper) {
        this.settings = settings;
        this.table = table;
        this.records = new JobRecords(table);
        this.circuits = circuits;
        this.mapper = mapper;
        this.pending = new PendingJobs(settings.pollInterval, settings.pollMaxInterval, settings.maxConcurrentJobs);
    }

    /** Where waiters are woken (an exchange's routing goes on in that thread). */
    void completeOn(Executor executor) {
        this.completions = executor;
    }

    PendingJobs pending() {
        return pending;
    }

    /** What a webhook call about a message id leads to. */
    WebhookHints webhookHints() {
        return new WebhookHints(settings, table, pending);
    }

    /**
     * The recorded job to answer an image from, if any: a finished result not yet handed to the pipeline
     * first (no call at all), else a job still running (waited on, never submitted again). Empty: submit.
     */
    Optional<String> recorded(String imageSha256) throws RelayException {
        List<JobTable.Row> rows;
        try {
            rows = table.forImage(imageSha256, settings.id);
        } catch (SQLException e) {
            throw new RelayException(ErrorClass.TRANSIENT, "cannot read the ImaginePro job table: " + e.getMessage(), e);
        }
        return rows.stream().filter(JobTable.Row::undelivered).findFirst()
                .or(() -> rows.stream().filter(JobTable.Row::live).findFirst())
                .map(JobTable.Row::messageId);
    }

    /** A submit was accepted: record the job (before any waiting) and start polling it; its slot goes with it. */
    void submitted(String messageId, String imageSha256, Secret key, Instant at) {
        Instant deadline = at.plus(settings.waitTimeout);
        String hint = KeyHints.of(key);
        records.submitted(new JobTable.Row(messageId, settings.id, imageSha256, hint, JobTable.SUBMITTED, null, at, deadline,
                null, null, null, null, null));
        pending.track(messageId, hint, at, deadline, at.plus(settings.pollInterval), true);
    }

    /**
     * Makes {@code waiter} wait for the job, holding no thread. Returns true when it was answered at once
     * (the job had already ended, or cannot be waited on), through {@code waiter.ended(…, true)}.
     */
    boolean await(String messageId, JobWaiter waiter) {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (pending.await(messageId, waiter)) {
                    return false;
                }
                Optional<JobTable.Row> row = table.find(messageId);
                if (row.isEmpty()) {
                    throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro job " + messageId + " is not recorded");
                }
                if (!row.get().live()) {
                    waiter.ended(answerFromRow(row.get(), waiter), null, true);
                    return true;
                }
                JobTable.Row live = row.get();
                Instant now = Instant.now();
                Instant firstPoll = live.lastPolledAt() == null ? now : max(now, live.lastPolledAt().plus(settings.pollInterval));
                if (pending.get(messageId).isEmpty()) {
                    LOG.info("Resuming ImaginePro job {} ({}{}), submitted {}", messageId, live.status(),
                            live.progress() == null ? "" : " " + live.progress() + "%", live.submittedAt());
                }
                pending.track(messageId, live.keyHint(), live.submittedAt(), live.deadlineAt(), firstPoll, false);
            }
            throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro job " + messageId + " could not be waited on");
        } catch (RelayException e) {
            waiter.ended(null, e, true);
        } catch (SQLException e) {
            waiter.ended(null, new RelayException(ErrorClass.TRANSIENT, "cannot read the ImaginePro job table: " + e.getMessage(), e), true);
        } catch (RuntimeException e) {
            waiter.ended(null, e, true);
        }
        return true;
    }

    /** The jobs to fetch now. While the provider's circuit is open nothing is fetched: every waiter fails with its reason. */
    List<String> due(Instant now) {
        if (circuits.isOpen(settings.provider)) {
            try {
                circuits.check(settings.provider);
            } catch (RelayException stopped) {
                wake(pending.endAll(), null, stopped);
            }
            return List.of();
        }
        return pending.due(now);
    }

    /** The key a job was submitted with (fetches must use the same account). */
    Optional<Secret> keyFor(String messageId) {
        String hint = pending.get(messageId).map(PendingJobs.Tracked::keyHint).orElseGet(() -> {
            try {
                return table.find(messageId).map(JobTable.Row::keyHint).orElse(null);
            } catch (SQLException e) {
                return null;
            }
        });
        return KeyHints.find(settings.keys, hint);
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
                    wake(waiters, DescribePrompts.answer(message.json(), id), null);
                } catch (RelayException unreadable) {
                    wake(waiters, null, unreadable);
                }
            }
            LOG.info("ImaginePro job {} done", id);
        } else if (message.failed()) {
            String reason = "ImaginePro job " + id + " failed: " + (message.error() == null ? "no reason given" : Secret.scrub(message.error()));
            ErrorClass errorClass = ImagineProApi.failureClass(message.error());
            RelayException failure = new RelayException(errorClass, reason);
            circuits.trip(settings.provider, failure);
            records.finish(id, JobTable.FAIL, message.json().toString(), reason, now);
            LOG.warn("{} ({})", reason, errorClass.label());
            end(id, failure);
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
            end(messageId, new RelayException(ErrorClass.TRANSIENT, reason));
            return;
        }
        switch (e.errorClass()) {
            case AUTH, OUT_OF_CREDIT -> {
                // the job stays recorded and live: once the key is fixed, the image resumes it
                circuits.trip(settings.provider, e);
                end(messageId, e);
            }
            case BAD_INPUT, REFUSED_CONTENT -> {
                records.finish(messageId, JobTable.FAIL, null, e.getMessage(), now);
                end(messageId, e);
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
            end(messageId, new RelayException(ErrorClass.TRANSIENT, reason));
        } else {
            pending.polled(messageId, now, atLeast);
        }
    }

    private void end(String messageId, RelayException failure) {
        wake(pending.end(messageId), null, failure);
    }

    private ProviderAnswer answerFromRow(JobTable.Row row, JobWaiter waiter) throws RelayException {
        if (!JobTable.DONE.equals(row.status())) {
            throw new RelayException(ErrorClass.TRANSIENT, row.error() != null ? row.error()
                    : "ImaginePro job " + row.messageId() + " ended " + row.status());
        }
        // delivered once the pipeline recorded the answer: a crash before that answers the image from this row again
        String messageId = row.messageId();
        waiter.onCompleted(() -> records.delivered(messageId, Instant.now()));
        JsonNode message;
        try {
            message = mapper.readTree(row.resultJson() == null ? "{}" : row.resultJson());
        } catch (Exception e) {
            throw new RelayException(ErrorClass.TRANSIENT, "the recorded result of ImaginePro job " + row.messageId()
                    + " cannot be read: " + e.getMessage(), e);
        }
        ProviderAnswer answer = DescribePrompts.answer(message, row.messageId());
        LOG.info("ImaginePro job {} had already finished: answered from its record", row.messageId());
        return answer;
    }

    private void wake(List<JobWaiter> waiters, ProviderAnswer answer, RelayException failure) {
        for (JobWaiter waiter : waiters) {
            dispatch(() -> waiter.ended(answer, failure, false));
        }
    }

    /** Runs on the completion executor; inline when it no longer takes work (the app is stopping). */
    private void dispatch(Runnable task) {
        try {
            completions.execute(task);
        } catch (RejectedExecutionException stopping) {
            task.run();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
