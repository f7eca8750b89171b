package io.captionrelay.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.model.KeyMask;
import io.captionrelay.model.Secret;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.sink.RelayDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets over a real H2 database: holds, caps per day and month, the budget file, and what is recorded. */
class TaskBudgetTest {

    private static final Secret KEY = new Secret("budget-test-key-0123456789");
    private static final Instant NOON = Instant.parse("2026-03-31T12:00:00Z");

    @TempDir
    Path tmp;

    private RelayDatabase database;
    private PaidCalls calls;
    private SimpleMeterRegistry meters;
    private Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);

    @BeforeEach
    void open() {
        database = new RelayDatabase("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath(), "sa", "", 2);
        calls = new PaidCalls(database.dataSource());
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private SpendBook book(Optional<BudgetFile> file) {
        return new SpendBook(calls, file, clock, new RelayMetrics(() -> meters));
    }

    @Test
    void calls_under_way_count_against_the_cap_and_a_paid_call_is_one_row() throws Exception {
        TaskBudget budget = book(Optional.empty()).task("apiverve", Price.parse("10", Optional.of("0.02 USD")),
                BudgetCaps.parse("20", null));

        TaskBudget.Reservation first = budget.reserve();
        TaskBudget.Reservation second = budget.reserve();
        assertThatThrownBy(budget::reserve).isInstanceOf(BudgetReached.class)
                .hasMessageStartingWith("budget reached: apiverve has spent 0 (and 20 in calls under way) of its 20 credits (budget-per-day)")
                .extracting(e -> ((BudgetReached) e).errorClass()).isEqualTo(ErrorClass.OUT_OF_CREDIT);

        second.release(); // not made or not charged: its share comes back
        first.paid(KEY, "ab".repeat(32), Optional.empty());
        budget.reserve().paid(KEY, "cd".repeat(32), Optional.empty());
        assertThatThrownBy(budget::reserve).hasMessageContaining("has spent 20 of its 20 credits");

        PaidCalls.Spent spent = calls.spent("apiverve", SpendPeriods.at(clock));
        assertThat(spent.day()).isEqualByComparingTo("20");
        PaidCalls.Total total = calls.totals(SpendPeriods.at(clock)).get(0);
        assertThat(total.key()).isEqualTo(KeyMask.fingerprint(KEY)).doesNotContain("budget-test");
        assertThat(total.moneyMonth()).isEqualByComparingTo("0.04");
        assertThat(total.callsMonth()).isEqualTo(2);
        assertThat(meters.get("captionrelay.spend.credits").tag("task", "apiverve").tag("period", "day").gauge().value())
                .isEqualTo(20.0);
    }

    @Test
    void a_monthly_cap_counts_the_whole_utc_month_and_lets_calls_go_on_next_month() throws Exception {
        calls.record(new PaidCall("memories", KeyMask.fingerprint(KEY), Instant.parse("2026-03-02T08:00:00Z"),
                new BigDecimal("5"), null, null, null));
        TaskBudget budget = book(Optional.empty()).task("memories", Price.parse("1", Optional.empty()),
                BudgetCaps.parse(null, "5"));

        assertThatThrownBy(budget::reserve).hasMessageContaining("(budget-per-month) this month");

        clock = Clock.fixed(Instant.parse("2026-04-01T00:00:01Z"), ZoneOffset.UTC);
        book(Optional.empty()).task("memories", Price.parse("1", Optional.empty()), BudgetCaps.parse(null, "5")).reserve();
    }

    @Test
    void the_budget_file_replaces_a_cap_when_it_changes_and_a_broken_file_keeps_the_last_caps() throws Exception {
        Path file = tmp.resolve("budgets.properties");
        write(file, "openai.per-day = 1\n", 1);
        TaskBudget budget = book(Optional.of(new BudgetFile(file))).task("openai", Price.parse("1", Optional.empty()),
                BudgetCaps.parse("100", "1000"));
        budget.reserve().paid(KEY, null, Optional.empty());
        assertThatThrownBy(budget::reserve).hasMessageContaining("of its 1 credits (budget-per-day)");

        write(file, "openai.per-day = 2\n", 2);
        budget.reserve().paid(KEY, null, Optional.empty());
        assertThat(budget.caps()).isEqualTo(BudgetCaps.parse("2", "1000"));

        write(file, "openai.per-week = 7\n", 3);
        assertThat(budget.caps()).as("an unreadable file keeps the caps read before").isEqualTo(BudgetCaps.parse("2", "1000"));
        Files.delete(file);
        assertThat(budget.caps()).as("no file: the configured caps").isEqualTo(BudgetCaps.parse("100", "1000"));
    }

    @Test
    void a_reported_charge_is_recorded_instead_of_the_price() throws Exception {
        TaskBudget budget = book(Optional.empty()).task("imagedescriber-tags", Price.parse("1", Optional.of("0.01 EUR")),
                BudgetCaps.NONE);

        budget.reserve().paid(KEY, null, Optional.of(new BigDecimal("2")));

        PaidCalls.Total total = calls.totals(SpendPeriods.at(clock)).get(0);
        assertThat(total.month()).isEqualByComparingTo("2");
        assertThat(total.moneyMonth()).isEqualByComparingTo("0.02");
        assertThat(total.currency()).isEqualTo("EUR");
    }

    private static void write(Path file, String text, int minute) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(NOON.plusSeconds(60L * minute)));
    }
}
