package io.captionrelay.spend;

import java.math.BigDecimal;

/**
 * The most a task may spend, in its price's credits, per calendar day and per calendar month (UTC).
 * A null cap is no cap.
 */
public record BudgetCaps(BigDecimal perDay, BigDecimal perMonth) {

    public static final BudgetCaps NONE = new BudgetCaps(null, null);

    public boolean any() {
        return perDay != null || perMonth != null;
    }

    /** These caps, with each one {@code overrides} sets taking its place. */
    public BudgetCaps overriddenBy(BudgetCaps overrides) {
        return new BudgetCaps(overrides.perDay != null ? overrides.perDay : perDay,
                overrides.perMonth != null ? overrides.perMonth : perMonth);
    }

    /** A cap setting: empty means none. */
    static BigDecimal cap(String value, String key) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal cap = new BigDecimal(value.strip().replace("_", ""));
            if (cap.signum() < 0) {
                throw new IllegalArgumentException(key + " cannot be negative: '" + value + "'");
            }
            return cap;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of credits, not '" + value + "'", e);
        }
    }

    /** From the {@code budget-per-day} and {@code budget-per-month} settings (either may be empty). */
    public static BudgetCaps parse(String perDay, String perMonth) {
        return new BudgetCaps(cap(perDay, "budget-per-day"), cap(perMonth, "budget-per-month"));
    }
}
