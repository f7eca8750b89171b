package io.captionrelay.spend;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * What one paid call of a task costs: credits in the provider's own unit, and optionally money.
 *
 * @param credits  credits per call (APIVerve: 10; imagedescriber's generate_tags: 1)
 * @param money    money per call, or null when not configured
 * @param currency the money's currency code (e.g. USD), or null with no money
 */
public record Price(BigDecimal credits, BigDecimal money, String currency) {

    public Price {
        if (credits.signum() < 0 || money != null && money.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
    }

    /** A call that costs nothing (the local provider). */
    public static final Price FREE = new Price(BigDecimal.ZERO, null, null);

    /**
     * @param credits the {@code price} setting: a number of credits
     * @param money   the {@code price-money} setting: an amount and a currency code, e.g. {@code 0.002 USD}
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Price parse(String credits, Optional<String> money) {
        BigDecimal perCall = number(credits, "price");
        if (money.isEmpty()) {
            return new Price(perCall, null, null);
        }
        String[] parts = money.get().strip().split("\\s+");
        if (parts.length != 2 || !parts[1].matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException("price-money must be an amount and a currency code, like '0.002 USD', not '"
                    + money.get() + "'");
        }
        return new Price(perCall, number(parts[0], "price-money"), parts[1].toUpperCase(Locale.ROOT));
    }

    /** The price of {@code credits} credits at this price's rate of money per credit. */
    public Price forCredits(BigDecimal charged) {
        if (money == null || credits.signum() == 0 || charged.compareTo(credits) == 0) {
            return new Price(charged, money, currency);
        }
        return new Price(charged, money.multiply(charged).divide(credits, 6, java.math.RoundingMode.HALF_UP), currency);
    }

    private static BigDecimal number(String value, String key) {
        try {
            return new BigDecimal(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "'", e);
        }
    }
}
