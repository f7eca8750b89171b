package io.captionrelay.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.model.KeyMask;
import io.captionrelay.model.Secret;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.sink.RelayDatabase;
import io.captionrelay.testing.EmbeddedPostgresql;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The paid-call table on PostgreSQL (embedded, migrated by Flyway like H2): rows, the day's and month's sums,
 * and a cap counted across two instances sharing the database.
 */
class PaidCallsPostgresIT {

    @Test
    void should_record_and_sum_paid_calls_and_cap_two_instances_together() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-05-20T10:00:00Z"), ZoneOffset.UTC);
        try (RelayDatabase db = new RelayDatabase(EmbeddedPostgresql.newDatabase(), EmbeddedPostgresql.USER, "", 4)) {
            PaidCalls calls = new PaidCalls(db.dataSource());
            Secret key = new Secret("postgres-spend-key-0123456789");
            calls.record(new PaidCall("apiverve", KeyMask.fingerprint(key), Instant.parse("2026-05-01T00:00:00Z"),
                    BigDecimal.TEN, new BigDecimal("0.02"), "USD", "ab".repeat(32)));
            calls.record(new PaidCall("apiverve", KeyMask.fingerprint(key), Instant.parse("2026-04-30T23:59:59Z"),
                    BigDecimal.TEN, null, null, null)); // last month

            SpendBook one = new SpendBook(calls, Optional.empty(), clock, new RelayMetrics(() -> null));
            SpendBook two = new SpendBook(calls, Optional.empty(), clock, new RelayMetrics(() -> null));
            BudgetCaps caps = BudgetCaps.parse(null, "30");
            one.task("apiverve", Price.parse("10", Optional.empty()), caps).reserve().paid(key, null, Optional.empty());
            two.task("apiverve", Price.parse("10", Optional.empty()), caps).reserve().paid(key, null, Optional.empty());

            assertThatThrownBy(() -> one.task("apiverve", Price.parse("10", Optional.empty()), caps).reserve())
                    .isInstanceOf(BudgetReached.class).hasMessageContaining("has spent 30 of its 30 credits (budget-per-month)");
            PaidCalls.Spent spent = calls.spent("apiverve", SpendPeriods.at(clock));
            assertThat(spent.day()).isEqualByComparingTo("20");
            assertThat(spent.month()).isEqualByComparingTo("30");
            PaidCalls.Total total = calls.totals(SpendPeriods.at(clock)).get(0);
            assertThat(total.callsMonth()).isEqualTo(3);
            assertThat(total.moneyMonth()).isEqualByComparingTo("0.02");
        }
    }
}
