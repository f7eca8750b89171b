package io.captionrelay.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One limit of a provider key: at most {@code calls} per {@code period}, e.g. 5 a minute.
 * A key usually has several (5 a minute and 300 an hour); all must allow a call.
 */
public record QuotaLimit(long calls, Duration period) {

    private static final Pattern ONE = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

    public QuotaLimit {
        if (calls < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a quota allows at least one call per positive period");
        }
    }

    /** Parses {@code 5/1m,300/1h} (units ms, s, m, h, d). */
    public static List<QuotaLimit> parseAll(String spec) {
        List<QuotaLimit> limits = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = ONE.matcher(part.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("a quota is written like 5/1m or 300/1h, not '" + part.strip() + "'");
            }
            long amount = Long.parseLong(m.group(2));
            Duration period = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            limits.add(new QuotaLimit(Long.parseLong(m.group(1)), period));
        }
        return List.copyOf(limits);
    }

    @Override
    public String toString() {
        return calls + "/" + period.toMillis() + "ms";
    }
}
