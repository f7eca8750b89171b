package io.captionrelay.provider.imaginepro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits that were sent and not answered (a timeout, a dropped connection), while webhooks are on: ImaginePro may
 * have accepted them, and its webhook then names the job with the submit's {@code ref}. Kept in memory, by ref,
 * until adopted or past their deadline; a restart forgets them (the images are then where their sources left them).
 */
final class UnansweredSubmits {

    /** One unanswered submit and who waits for its job. */
    record Unanswered(String ref, String imageSha256, String keyHint, Instant sentAt, Instant deadline, JobWaiter waiter) {
    }

    private final Map<String, Unanswered> byRef = new LinkedHashMap<>();

    synchronized void add(Unanswered submit) {
        byRef.put(submit.ref(), submit);
    }

    synchronized Optional<Unanswered> get(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    /** Removes and returns the submit with {@code ref}, if it still waits. */
    synchronized Optional<Unanswered> take(String ref) {
        return Optional.ofNullable(byRef.remove(ref));
    }

    /** Removes and returns the submits whose deadline has passed. */
    synchronized List<Unanswered> expired(Instant now) {
        List<Unanswered> gone = new ArrayList<>();
        for (Iterator<Unanswered> it = byRef.values().iterator(); it.hasNext(); ) {
            Unanswered submit = it.next();
            if (!now.isBefore(submit.deadline())) {
                gone.add(submit);
                it.remove();
            }
        }
        return gone;
    }
}
