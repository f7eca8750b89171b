package io.captionrelay.provider;

import io.captionrelay.spend.BudgetCaps;
import io.captionrelay.spend.Price;
import io.captionrelay.spend.SpendBook;
import io.captionrelay.spend.TaskBudget;

/**
 * A remote task's budget from its settings: {@code price} (credits per call, the provider's documented
 * default), {@code price-money} (optional, e.g. {@code 0.002 USD}), {@code budget-per-day} and
 * {@code budget-per-month} (optional caps in credits). A malformed value stops start-up naming its key.
 */
final class TaskBudgets {

    private TaskBudgets() {
    }

    static TaskBudget of(SpendBook book, ProviderSettings settings) {
        try {
            Price price = Price.parse(settings.string("price", "1"), settings.optional("price-money"));
            BudgetCaps caps = BudgetCaps.parse(settings.optional("budget-per-day").orElse(null),
                    settings.optional("budget-per-month").orElse(null));
            return book.task(settings.id(), price, caps);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relay.provider." + settings.id() + "." + e.getMessage(), e);
        }
    }
}
