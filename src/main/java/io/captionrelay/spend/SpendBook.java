package io.captionrelay.spend;

import io.captionrelay.observe.RelayMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spend for the whole application: the paid calls in the database, the optional budget file whose caps
 * change without a restart, the clock the day and month are taken from, and the totals shown in metrics.
 * Each provider task gets its {@link TaskBudget} from here.
 */
public final class SpendBook {

    private static final Logger LOG = LoggerFactory.getLogger(SpendBook.class);

    private final PaidCalls store;
    private final Optional<BudgetFile> file;
    private final Clock clock;
    private final SpendTotals totals;

    public SpendBook(PaidCalls store, Optional<BudgetFile> file, Clock clock, RelayMetrics metrics) {
        this.store = store;
        this.file = file;
        this.clock = clock;
        this.totals = new SpendTotals(metrics, clock);
        try {
            SpendPeriods now = periods();
            store.totals(now).forEach(total -> totals.load(total, now));
        } catch (RuntimeException unreadable) {
            LOG.warn("Spend totals could not be read at start ({}); the metrics count from now", unreadable.getMessage());
        }
    }

    /** The budget of one task, at {@code price}, within {@code configured} caps (the budget file may replace them). */
    public TaskBudget task(String task, Price price, BudgetCaps configured) {
        return new TaskBudget(task, price, configured, this);
    }

    /** Totals per task and key in the current day and month. */
    public List<PaidCalls.Total> totals() {
        return store.totals(periods());
    }

    SpendPeriods periods() {
        return SpendPeriods.at(clock);
    }

    Clock clock() {
        return clock;
    }

    BudgetCaps caps(String task, BudgetCaps configured) {
        return file.map(f -> configured.overriddenBy(f.capsOf(task))).orElse(configured);
    }

    PaidCalls.Spent spent(String task, SpendPeriods periods) {
        return store.spent(task, periods);
    }

    void paid(PaidCall call, SpendPeriods periods) {
        store.record(call);
        totals.add(call.task(), call.key(), call.credits(), periods);
    }
}
