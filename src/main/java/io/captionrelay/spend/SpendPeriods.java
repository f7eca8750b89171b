package io.captionrelay.spend;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The day and the month a budget counts in: calendar periods in UTC, from a clock tests can set. */
public record SpendPeriods(Instant dayStart, Instant monthStart, Instant nextDay, Instant nextMonth) {

    public static SpendPeriods at(Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        return new SpendPeriods(start(today), start(firstOfMonth), start(today.plusDays(1)), start(firstOfMonth.plusMonths(1)));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
