package io.captionrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.model.KeyMask;
import io.captionrelay.model.Secret;
import io.captionrelay.sink.RelayDatabase;
import io.captionrelay.spend.PaidCall;
import io.captionrelay.spend.PaidCalls;
import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.PackagedJar.Run;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spend} and the spend section of {@code config check}, on the packaged jar, over paid calls recorded in an
 * H2 database: totals per task and key fingerprint for today and this month (last month's calls left out), and each
 * task's price and caps with the budget file's cap in force. No key is ever printed.
 */
class SpendCommandIT {

    private static final String KEY_A = "apiverve-key-a-0123456789";
    private static final String KEY_B = "apiverve-key-b-9876543210";

    @TempDir
    Path work;

    @Test
    void should_print_spend_per_task_and_key_and_the_caps_in_force() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        String url = "jdbc:h2:file:" + work.resolve("data/captionrelay").toAbsolutePath();
        Instant now = Instant.now();
        Instant lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (RelayDatabase db = new RelayDatabase(url, "sa", "", 2)) {
            PaidCalls calls = new PaidCalls(db.dataSource());
            calls.record(paid(KEY_A, now, "0.02"));
            calls.record(paid(KEY_A, now, "0.02"));
            calls.record(paid(KEY_B, now, null));
            calls.record(paid(KEY_A, lastMonth, "0.02")); // another month: not counted
        }
        Path budgets = Files.writeString(work.resolve("budgets.properties"), "apiverve.per-month = 400\n");
        Files.writeString(work.resolve("my.properties"), String.join("\n",
                "relay.db.url = " + url,
                "relay.providers = local,apiverve",
                "relay.provider.apiverve.budget-per-day = 50",
                "relay.provider.apiverve.budget-per-month = 1000",
                "relay.provider.apiverve.price-money = 0.02 USD",
                "relay.spend.budget-file = " + budgets.toAbsolutePath(), ""));

        Run spend = run("spend", "--config", "my.properties");

        assertThat(spend.exitCode()).as(spend.output()).isZero();
        assertThat(spend.output()).containsPattern("apiverve\\s+" + KeyMask.fingerprint(new Secret(KEY_A)) + "\\s+20\\s+20\\s+2\\s+0\\.04 USD")
                .containsPattern("apiverve\\s+" + KeyMask.fingerprint(new Secret(KEY_B)) + "\\s+10\\s+10\\s+1\\s+-")
                .contains("apiverve: 10 credits a call (0.02 USD); per day 50, per month 400 (budget file " + budgets.toAbsolutePath() + ")")
                .doesNotContain(KEY_A).doesNotContain(KEY_B);

        Run check = run("config", "check", "--config", "my.properties");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("# spend on " + LocalDate.now(ZoneOffset.UTC))
                .containsPattern("apiverve\\s+" + KeyMask.fingerprint(new Secret(KEY_A)) + "\\s+20\\s+20\\s+2")
                .contains("per day 50, per month 400");
    }

    private static PaidCall paid(String key, Instant at, String money) {
        return new PaidCall("apiverve", KeyMask.fingerprint(new Secret(key)), at, BigDecimal.TEN,
                money == null ? null : new BigDecimal(money), money == null ? null : "USD", "ab".repeat(32));
    }

    private Run run(String... args) throws Exception {
        return PackagedJar.runToEnd(work, PackagedJar.command(work, args), Duration.ofMinutes(3));
    }
}
