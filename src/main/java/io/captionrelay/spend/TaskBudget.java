package io.captionrelay.spend;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.KeyMask;
import io.captionrelay.model.Secret;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider task's spending: before a call, {@link #reserve} checks that the call's price still fits
 * under the task's caps for today and this month (what the database holds, plus calls of this instance
 * in flight); after the answer, {@link Reservation#paid} records the call. A call that does not fit is
 * refused with "budget reached" (out-of-credit: the provider's circuit opens and the image waits in the
 * pending area until a probe fits again, in the next period or once the cap is raised).
 */
public final class TaskBudget {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBudget.class);

    private final String task;
    private final Price price;
    private final BudgetCaps configured;
    private final SpendBook book;
    /** Credits of this instance's calls between reserve and paid (or released). */
    private BigDecimal reserved = BigDecimal.ZERO;

    TaskBudget(String task, Price price, BudgetCaps configured, SpendBook book) {
        this.task = task;
        this.price = price;
        this.configured = configured;
        this.book = book;
    }

    /** A task whose calls are neither capped nor recorded (a provider that never charges). */
    public static TaskBudget unrecorded(String task) {
        return new TaskBudget(task, Price.FREE, BudgetCaps.NONE, null);
    }

    public String task() {
        return task;
    }

    public Price price() {
        return price;
    }

    /** The caps in force now (the budget file's, where it sets them). */
    public BudgetCaps caps() {
        return book == null ? configured : book.caps(task, configured);
    }

    /**
     * Holds this call's price until it is paid or released.
     * @throws RelayException {@link BudgetReached} when it does not fit; transient when the totals cannot be read
     */
    public Reservation reserve() throws RelayException {
        BudgetCaps caps = caps();
        if (!caps.any()) {
            return new Reservation(BigDecimal.ZERO);
        }
        synchronized (this) {
            SpendPeriods periods = book.periods();
            PaidCalls.Spent spent;
            try {
                spent = book.spent(task, periods);
            } catch (RuntimeException e) {
                throw new RelayException(ErrorClass.TRANSIENT, task + ": the spend totals cannot be read (" + e.getMessage() + ")", e);
            }
            refuseOver(caps.perDay(), spent.day(), "per-day", "today (UTC); calls go on tomorrow");
            refuseOver(caps.perMonth(), spent.month(), "per-month", "this month (UTC); calls go on next month");
            reserved = reserved.add(price.credits());
            return new Reservation(price.credits());
        }
    }

    private void refuseOver(BigDecimal cap, BigDecimal spent, String which, String when) throws RelayException {
        if (cap != null && spent.add(reserved).add(price.credits()).compareTo(cap) > 0) {
            throw new BudgetReached("budget reached: " + task + " has spent " + plain(spent)
                    + (reserved.signum() > 0 ? " (and " + plain(reserved) + " in calls under way)" : "")
                    + " of its " + plain(cap) + " credits (budget-" + which + ") " + when + " or when the cap is raised");
        }
    }

    private static String plain(BigDecimal credits) {
        return credits.stripTrailingZeros().toPlainString();
    }

    /** One call's hold on the budget; recorded once when paid, given back otherwise. Thread-safe. */
    public final class Reservation {
        private BigDecimal held;

        private Reservation(BigDecimal held) {
            this.held = held;
        }

        /**
         * The provider answered and charged: the call is recorded (task, key fingerprint, time, cost, image).
         * @param charged the credits the provider says it charged, when it says so; else the price
         */
        public void paid(Secret key, String imageSha256, Optional<BigDecimal> charged) {
            if (book == null) {
                return;
            }
            Price cost = charged.map(price::forCredits).orElse(price);
            synchronized (TaskBudget.this) {
                try {
                    book.paid(new PaidCall(task, KeyMask.fingerprint(key), book.clock().instant(), cost.credits(), cost.money(),
                            cost.currency(), imageSha256), book.periods());
                } catch (RuntimeException e) {
                    LOG.warn("{}: a paid call could not be recorded in the spend table ({}); budgets undercount it", task,
                            e.getMessage());
                } finally {
                    giveBack();
                }
            }
        }

        /** True while this call holds part of a capped budget: it may go even though the cap is now reached. */
        public synchronized boolean holdsBudget() {
            return held.signum() > 0;
        }

        /** The call was not made or not charged: its hold goes back (nothing once paid). */
        public void release() {
            synchronized (TaskBudget.this) {
                giveBack();
            }
        }

        private void giveBack() {
            reserved = reserved.subtract(held);
            held = BigDecimal.ZERO;
        }
    }
}
