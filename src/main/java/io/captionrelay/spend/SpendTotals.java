package io.captionrelay.spend;

import io.captionrelay.observe.RelayMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This instance's view of what each task spent with each key in the current UTC day and month, for the
 * gauges {@code captionrelay.spend.credits} (tags task, key, period=day|month). Loaded from the paid calls
 * at start and added to as calls are paid; a total of a period that has ended reads 0.
 */
final class SpendTotals {

    private final ConcurrentMap<String, KeyTotal> totals = new ConcurrentHashMap<>();
    private final RelayMetrics metrics;
    private final Clock clock;

    SpendTotals(RelayMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    void load(PaidCalls.Total total, SpendPeriods periods) {
        of(total.task(), total.key()).set(periods, total.day(), total.month());
    }

    void add(String task, String key, BigDecimal credits, SpendPeriods periods) {
        of(task, key).add(periods, credits);
    }

    private KeyTotal of(String task, String key) {
        return totals.computeIfAbsent(task + " " + key, name -> {
            KeyTotal total = new KeyTotal();
            metrics.spendGauge(task, key, "day", () -> total.day(clock.instant()));
            metrics.spendGauge(task, key, "month", () -> total.month(clock.instant()));
            return total;
        });
    }

    /** One task and key: its day's and month's credits, and the periods they belong to. */
    private static final class KeyTotal {
        private SpendPeriods periods;
        private BigDecimal day = BigDecimal.ZERO;
        private BigDecimal month = BigDecimal.ZERO;

        synchronized void set(SpendPeriods now, BigDecimal dayTotal, BigDecimal monthTotal) {
            periods = now;
            day = dayTotal;
            month = monthTotal;
        }

        synchronized void add(SpendPeriods now, BigDecimal credits) {
            if (periods == null || !now.monthStart().equals(periods.monthStart())) {
                month = BigDecimal.ZERO;
            }
            if (periods == null || !now.dayStart().equals(periods.dayStart())) {
                day = BigDecimal.ZERO;
            }
            periods = now;
            day = day.add(credits);
            month = month.add(credits);
        }

        synchronized double day(Instant now) {
            return periods != null && now.isBefore(periods.nextDay()) ? day.doubleValue() : 0;
        }

        synchronized double month(Instant now) {
            return periods != null && now.isBefore(periods.nextMonth()) ? month.doubleValue() : 0;
        }
    }
}
