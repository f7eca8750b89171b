package io.captionrelay.provider.imaginepro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.ProviderCircuits;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of ImaginePro jobs: recorded in {@link JobTable} when accepted, waited on through
 * {@link PendingJobs}, and ended by what a fetch says ({@link JobFetches}: DONE, FAIL, an error answer that
 * settles it) or by the deadline. A submit that got no answer while webhooks are on waits in
 * {@link UnansweredSubmits} until a webhook names its ref and the app's own fetch confirms the job ({@link #adopt}).
 * Ending a job wakes its waiters on the completion executor, so the poller never runs the rest of the pipeline itself.
 */
final class ImagineProJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProJobs.class);

    private final ImagineProSettings settings;
    private final JobTable table;
    private final JobRecords records;
    private final PendingJobs pending;
    private final ProviderCircuits circuits;
    private final ObjectMapper mapper;
    private final JobFetches fetches;
    private final UnansweredSubmits unanswered = new UnansweredSubmits();
    private volatile Executor completions = Runnable::run;

    ImagineProJobs(ImagineProSettings settings, JobTable table, ProviderCircuits circuits, ObjectMapper mapper) {
        this.settings = settings;
        this.table = table;
        this.records = new JobRecords(table);
        this.circuits = circuits;
        this.mapper = mapper;
        this.pending = new PendingJobs(settings.pollInterval, settings.pollMaxInterval, settings.maxConcurrentJobs);
        this.fetches = new JobFetches(settings, records, pending, circuits, this);
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
        return new WebhookHints(settings, table, pending, unanswered);
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
        for (UnansweredSubmits.Unanswered gone : unanswered.expired(now)) {
            pending.returnSlot();
            dispatch(() -> gone.waiter().ended(null, new RelayException(ErrorClass.AMBIGUOUS, "ImaginePro did not answer the submit"
                    + " of job " + gone.ref() + " and no webhook named it within " + settings.key("wait-timeout") + "; it may"
                    + " have been accepted and charged, so the image is parked and not sent again automatically: move it back"
                    + " into its source to submit it again, which may be paid again"), false));
        }
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

    /** What a fetch said about a job. */
    void fetched(ImagineProApi.JobMessage message, Instant now) {
        fetches.fetched(message, now);
    }

    /** A fetch that brought no message: an error answer, or no answer at all. */
    void fetchFailed(String messageId, RelayException e, Instant now) {
        fetches.fetchFailed(messageId, e, now);
    }

    /**
     * A submit was sent and not answered, and webhooks are on: {@code waiter} waits (holding the submit's slot)
     * until a webhook names a job with this {@code ref} and the app's own fetch confirms it ({@link #adopt}), or
     * until {@code wait-timeout} after the send, when the image is parked as possibly charged.
     */
    void awaitUnanswered(String ref, String imageSha256, Secret key, Instant sentAt, JobWaiter waiter) {
        unanswered.add(new UnansweredSubmits.Unanswered(ref, imageSha256, KeyHints.of(key), sentAt,
                sentAt.plus(settings.waitTimeout), waiter));
    }

    /** The key the unanswered submit with {@code ref} was sent with: a webhook's message id is fetched with it. */
    Optional<Secret> keyForRef(String ref) {
        return unanswered.get(ref).flatMap(u -> KeyHints.find(settings.keys, u.keyHint()));
    }

    /**
     * The app's own fetch of a message a webhook named for the unanswered submit {@code ref} succeeded: that job is
     * the submit's (unless the message names another ref). It is recorded and tracked as if the submit had been
     * answered, its waiter waits on it, and what the fetch said is applied. False when not adopted.
     */
    boolean adopt(String ref, ImagineProApi.JobMessage message, Instant now) {
        String named = ImagineProApi.text(message.json(), "ref").orElse(ref);
        if (!named.equals(ref)) {
            return false;
        }
        Optional<UnansweredSubmits.Unanswered> taken = unanswered.take(ref);
        if (taken.isEmpty()) {
            return false;
        }
        UnansweredSubmits.Unanswered submit = taken.get();
        Instant deadline = submit.sentAt().plus(settings.waitTimeout);
        records.submitted(new JobTable.Row(message.messageId(), settings.id, submit.imageSha256(), submit.keyHint(),
                JobTable.SUBMITTED, null, submit.sentAt(), deadline, null, null, null, null, null));
        pending.track(message.messageId(), submit.keyHint(), submit.sentAt(), deadline, now.plus(settings.pollInterval), true);
        await(message.messageId(), submit.waiter());
        LOG.info("ImaginePro job {} adopted for the unanswered submit {} (a webhook named it; the app's own fetch confirmed it)",
                message.messageId(), ref);
        fetched(message, now);
        return true;
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

    void end(String messageId, RelayException failure) {
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

    void wake(List<JobWaiter> waiters, ProviderAnswer answer, RelayException failure) {
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
