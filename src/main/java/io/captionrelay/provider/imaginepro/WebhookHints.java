package io.captionrelay.provider.imaginepro;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What a webhook call about a message id leads to. The call carries no signature, so it is only a hint: acted on
 * for a live job of this task, and at most once per {@code webhook-min-gap}; the job is then fetched to confirm.
 */
record WebhookHints(ImagineProSettings settings, JobTable table, PendingJobs pending, UnansweredSubmits unanswered) {

    /** What the webhook does with a message id. */
    enum Hint { UNKNOWN, FINISHED, FETCH, LATER, ADOPT }

    /**
     * Whether a webhook for this message id is to be acted on: only jobs of this task that are still live, and
     * ({@link Hint#ADOPT}) an unknown message id whose {@code ref} is that of a submit sent and not answered: the
     * message is then fetched with that submit's key, and adopted only if the fetch succeeds.
     */
    Hint of(String messageId, String ref, Instant now) throws SQLException {
        Hint hint = of(messageId, now);
        return hint == Hint.UNKNOWN && ref != null && unanswered.get(ref).isPresent() ? Hint.ADOPT : hint;
    }

    private Hint of(String messageId, Instant now) throws SQLException {
        Optional<PendingJobs.Tracked> tracked = pending.get(messageId);
        Instant lastFetch;
        if (tracked.isPresent()) {
            lastFetch = tracked.get().lastFetchAt();
        } else {
            Optional<JobTable.Row> row = table.find(messageId);
            if (row.isEmpty() || !row.get().taskId().equals(settings.id)) {
                return Hint.UNKNOWN;
            }
            if (!row.get().live()) {
                return Hint.FINISHED;
            }
            lastFetch = row.get().lastPolledAt();
        }
        if (lastFetch != null && now.isBefore(lastFetch.plus(settings.webhookMinGap))) {
            pending.pollBy(messageId, lastFetch.plus(settings.webhookMinGap));
            return Hint.LATER;
        }
        return Hint.FETCH;
    }
}
