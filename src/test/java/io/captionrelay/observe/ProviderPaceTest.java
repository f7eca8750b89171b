package io.captionrelay.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.model.Secret;
import io.captionrelay.quota.MemorySendLog;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderPaceTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void should_show_calls_in_each_quota_window_and_what_waits_for_quota() {
        QuotaGate gate = new QuotaGate("apiverve", QuotaLimit.parseAll("5/1m,300/1h"), Duration.ofMillis(250),
                List.of(new Secret("key-0123456789")), 10, new MemorySendLog(), scheduler);
        for (int i = 0; i < 7; i++) {
            gate.acquire();
        }

        String line = new ProviderPace(List.of(gate)).get();

        // five went at once; the old line extrapolated the last 5 s ("60.0 calls/min") against a 5/1m quota
        assertThat(line).startsWith("apiverve 5 of 5/1m, 5 of 300/1h; 2 waiting for quota, next call in 60 s")
                .endsWith("; 0 waiting for a slot");
        assertThat(new ProviderPace(List.of(gate)).anyWaitingForQuota()).isTrue();
    }
}
