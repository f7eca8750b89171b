package io.captionrelay.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.spend.BudgetCaps;
import io.captionrelay.spend.BudgetFile;
import io.captionrelay.spend.PaidCalls;
import io.captionrelay.spend.SpendPeriods;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the paid calls recorded in {@code relay_paid_call} add up to in the current UTC day and month, per task
 * and key fingerprint, and each configured task's price and caps (the budget file's where it sets them), as
 * lines for {@code spend} and {@code config check}. Reads the database of {@code relay.db.url} without
 * migrating it, and never creates an H2 database that is not there.
 */
final class SpendReport {

    private final EffectiveConfiguration configuration;
    private final Clock clock;

    SpendReport(EffectiveConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        lines.add("# spend on " + today + " and in " + today.toString().substring(0, 7)
                + " (UTC), in credits, per task and key fingerprint (never the key)");
        try {
            List<PaidCalls.Total> totals = totals();
            if (totals.isEmpty()) {
                lines.add("(no paid call recorded in this period)");
            }
            lines.add(String.format(Locale.ROOT, "%-22s %-17s %10s %12s %8s  %s", "task", "key", "today", "this month",
                    "calls", "money this month"));
            for (PaidCalls.Total t : totals) {
                lines.add(String.format(Locale.ROOT, "%-22s %-17s %10s %12s %8d  %s", t.task(), t.key(), plain(t.day()),
                        plain(t.month()), t.callsMonth(), t.moneyMonth() == null ? "-" : plain(t.moneyMonth()) + " " + t.currency()));
            }
        } catch (RuntimeException unreadable) {
            lines.add("(the paid calls cannot be read: " + unreadable.getMessage() + ")");
        }
        lines.add("# price and budget caps per task");
        Optional<BudgetFile> file = configuration.value("relay.spend.budget-file").map(String::strip)
                .filter(f -> !f.isEmpty()).map(f -> new BudgetFile(Path.of(f)));
        for (String task : configuration.value("relay.providers").map(v -> v.split(",")).orElse(new String[0])) {
            Optional<ProviderCatalog.Entry> entry = ProviderCatalog.entry(task.strip()).filter(ProviderCatalog.Entry::remote);
            if (entry.isEmpty()) {
                continue;
            }
            ProviderSettings settings = new ProviderSettings(entry.get().id(), entry.get().provider(), configuration::value);
            BudgetCaps caps = BudgetCaps.parse(settings.optional("budget-per-day").orElse(null),
                    settings.optional("budget-per-month").orElse(null));
            String source = "";
            if (file.isPresent() && file.get().capsOf(settings.id()).any()) {
                caps = caps.overriddenBy(file.get().capsOf(settings.id()));
                source = " (budget file " + file.get().path() + ")";
            }
            lines.add(settings.id() + ": " + settings.string("price", "1") + " credits a call"
                    + settings.optional("price-money").map(m -> " (" + m + ")").orElse("")
                    + "; per day " + cap(caps.perDay()) + ", per month " + cap(caps.perMonth()) + source);
        }
        return lines;
    }

    private List<PaidCalls.Total> totals() {
        String url = existingOnly(configuration.value("relay.db.url").orElseThrow(() ->
                new IllegalStateException("relay.db.url is not set")));
        String user = configuration.value("relay.db.user").orElse("");
        String password = configuration.value("relay.db.password").orElse("");
        try (java.sql.Connection probe = java.sql.DriverManager.getConnection(url, user, password)) {
            probe.isValid(1); // a database that is not there (yet) is said in one line, without a pool's error log
        } catch (java.sql.SQLException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalStateException("the database of relay.db.url cannot be opened: "
                    + (message.contains("\n") ? message.substring(0, message.indexOf('\n')) : message), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(5_000);
        config.setPoolName("captionrelay-spend-report");
        try (HikariDataSource db = new HikariDataSource(config)) {
            return new PaidCalls(db).totals(SpendPeriods.at(clock));
        }
    }

    /** An embedded H2 URL that refuses to create a database that is not there. */
    private static String existingOnly(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS")
                ? url + ";IFEXISTS=TRUE" : url;
    }

    private static String cap(BigDecimal cap) {
        return cap == null ? "no cap" : plain(cap);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
