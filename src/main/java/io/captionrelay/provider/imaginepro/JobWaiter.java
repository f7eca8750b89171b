package io.captionrelay.provider.imaginepro;

import io.captionrelay.model.ProviderAnswer;

/**
 * Someone waiting for a job's end, without a thread: the routes wrap their exchange and its callback in one
 * ({@link ExchangeWaiter}), so that the job state machine knows nothing of Camel.
 */
interface JobWaiter {

    /**
     * The job ended with {@code answer}, or with {@code failure} when that is not null. {@code synchronously}:
     * answered within the call that started the wait.
     */
    void ended(ProviderAnswer answer, Exception failure, boolean synchronously);

    /** Runs {@code action} once the waiter's work completes successfully (the answer is recorded). */
    void onCompleted(Runnable action);
}
