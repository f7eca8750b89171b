package io.captionrelay.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.provider.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuotaGateTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Secret keyA = new Secret("key-a");
    private final Secret keyB = new Secret("key-b");

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private QuotaGate gate(String limits, int inFlight, Secret... keys) {
        return new QuotaGate("test", QuotaLimit.parseAll(limits), Duration.ZERO, List.of(keys), inFlight,
                new LocalBucketStore(), scheduler);
    }

    @Test
    void should_let_through_only_what_every_limit_allows() {
        QuotaGate gate = gate("3/1m,2/1h", 10, keyA);
        List<CompletableFuture<QuotaGate.Lease>> leases = acquire(gate, 3);

        assertThat(leases).filteredOn(CompletableFuture::isDone).hasSize(2); // the hourly limit is the tighter here
    }

    @Test
    void should_release_waiting_calls_when_the_period_refills() {
        QuotaGate gate = gate("2/300ms", 10, keyA);
        List<CompletableFuture<QuotaGate.Lease>> leases = acquire(gate, 5);

        assertThat(leases).filteredOn(CompletableFuture::isDone).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> leases.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void should_use_every_key_of_a_pool_in_turn() {
        QuotaGate gate = gate("2/1m", 10, keyA, keyB);
        List<CompletableFuture<QuotaGate.Lease>> leases = acquire(gate, 5);

        List<Secret> used = leases.stream().filter(CompletableFuture::isDone).map(f -> f.join().key()).toList();
        assertThat(used).hasSize(4).containsOnly(keyA, keyB);
        assertThat(used).filteredOn(k -> k == keyA).hasSize(2);
    }

    @Test
    void should_not_use_a_paused_key_until_its_pause_is_over() {
        QuotaGate gate = gate("10/1m", 10, keyA, keyB);
        gate.pause(keyA, Duration.ofMinutes(5));

        List<CompletableFuture<QuotaGate.Lease>> leases = acquire(gate, 4);

        assertThat(leases).allMatch(CompletableFuture::isDone);
        assertThat(leases).extracting(f -> f.join().key()).containsOnly(keyB);
    }

    @Test
    void should_believe_the_provider_when_it_says_less_is_left() {
        QuotaGate gate = gate("10/1m", 10, keyA);
        gate.observe(keyA, 3, Duration.ofSeconds(40));

        assertThat(acquire(gate, 5)).filteredOn(CompletableFuture::isDone).hasSize(3);
    }

    @Test
    void should_pause_the_key_when_the_provider_says_nothing_is_left() {
        QuotaGate gate = gate("10/1m", 10, keyA);
        gate.observe(keyA, 0, Duration.ofSeconds(40));

        assertThat(acquire(gate, 1)).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void should_cap_calls_in_flight_and_hand_the_slot_on_when_one_ends() {
        QuotaGate gate = gate("100/1m", 2);
        List<CompletableFuture<QuotaGate.Lease>> leases = acquire(gate, 3);
        assertThat(leases).filteredOn(CompletableFuture::isDone).hasSize(2);

        leases.get(0).join().release();
        leases.get(0).join().release(); // a second release of the same lease changes nothing

        assertThat(leases.get(2)).isDone();
        assertThat(acquire(gate, 1)).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void should_wait_without_holding_a_thread_per_waiting_call() {
        QuotaGate gate = gate("1/1h", 1000, keyA);
        int threadsBefore = Thread.activeCount();

        List<CompletableFuture<QuotaGate.Lease>> leases = acquire(gate, 500);

        assertThat(leases).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(Thread.activeCount()).isLessThan(threadsBefore + 5);
    }

    @Test
    void should_share_a_bucket_between_gates_of_the_same_key() {
        BucketStore shared = new LocalBucketStore();
        QuotaGate one = new QuotaGate("task", QuotaLimit.parseAll("3/1m"), Duration.ZERO, List.of(new Secret("same")), 10, shared, scheduler);
        QuotaGate two = new QuotaGate("task", QuotaLimit.parseAll("3/1m"), Duration.ZERO, List.of(new Secret("same")), 10, shared, scheduler);

        long granted = acquire(one, 2).stream().filter(CompletableFuture::isDone).count()
                + acquire(two, 2).stream().filter(CompletableFuture::isDone).count();

        assertThat(granted).isEqualTo(3);
    }

    private static List<CompletableFuture<QuotaGate.Lease>> acquire(QuotaGate gate, int n) {
        List<CompletableFuture<QuotaGate.Lease>> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(gate.acquire());
        }
        return leases;
    }
}
