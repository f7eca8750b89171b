package io.captionrelay.spend;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;

/**
 * A call not made because its task's budget is spent: out-of-credit, so the provider's circuit opens and the
 * image waits in the pending area. Calls that already hold their share of the budget still go.
 */
public final class BudgetReached extends RelayException {

    BudgetReached(String message) {
        super(ErrorClass.OUT_OF_CREDIT, message);
    }
}
