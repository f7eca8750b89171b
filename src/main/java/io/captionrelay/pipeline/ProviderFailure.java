package io.captionrelay.pipeline;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderTask;

/**
 * A provider task's failure, as it leaves the describe step: the same class and message, plus the task
 * and provider, so that the failure record says which provider a pending image waits for.
 */
public final class ProviderFailure extends RelayException {

    private final ProviderTask task;

    ProviderFailure(ProviderTask task, RelayException cause) {
        super(cause.errorClass(), cause.getMessage(), cause);
        this.task = task;
    }

    public ProviderTask task() {
        return task;
    }
}
