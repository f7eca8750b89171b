package io.captionrelay.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.model.Secret;
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
                new MemorySendLog(), scheduler);
    }

    @Test
    void should_let_a_whole_limit_go_at_once_after_idle_and_hold_the_next_until_the_first_is_a_period_and_a_margin_old() {
        QuotaGate gate = new QuotaGate("test", QuotaLimit.parseAll("5/1m,300/1h"), Duration.ofMillis(250), List.of(keyA), 10,
                new MemorySendLog(), scheduler);

        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 6);

        assertThat(leases.subList(0, 5)).allMatch(CompletableFuture::isDone); // the old pacing granted one, then one every 12.05 s
        assertThat(leases.get(5)).isNotDone();
        assertThat(gate.waitingForQuota()).isEqualTo(1);
        assertThat(gate.nextTryIn()).get().matches(in -> in.compareTo(Duration.ofSeconds(59)) > 0
                && in.compareTo(Duration.ofMillis(60_250)) <= 0, "a minute and a margin after the first");
    }

    @Test
    void should_count_every_window_of_period_plus_margin_ending_now() {
        long s = 1_000_000_000L;
        long[] sent = {0, 100_000_000, 900_000_000};
        List<QuotaLimit> threePerSecond = QuotaLimit.parseAll("3/1s");
        // full at 1.0 s (all three within the last 1.1 s): the first leaves at 1.1 s
        assertThat(SlidingWindows.wait(sent, 3, s, threePerSecond, Duration.ofMillis(100))).isEqualTo(100_000_000);
        // at 1.15 s the first has left: room for one
        assertThat(SlidingWindows.wait(sent, 3, s + 150_000_000, threePerSecond, Duration.ofMillis(100))).isZero();
        // an hour's limit that is full holds the call even when the second's has room
        assertThat(SlidingWindows.wait(sent, 3, 3 * s, QuotaLimit.parseAll("3/1s,3/1h"), Duration.ZERO))
                .isEqualTo(3_600 * s - 3 * s);
    }

    @Test
    void should_never_let_more_calls_into_any_window_of_a_limit_than_it_allows() {
        // Refilled buckets put 6 calls into a 600 ms window straddling two periods whenever the first period's
        // calls went out late; a log of the real send times cannot.
        QuotaGate gate = gate("3/600ms", 10, keyA);
        List<Long> grantedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<QuotaLease>> leases = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            leases.add(gate.acquire().whenComplete((lease, e) -> grantedAt.add(System.nanoTime())));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> leases.stream().allMatch(CompletableFuture::isDone));
        List<Long> times = grantedAt.stream().sorted().toList();
        long tolerance = Duration.ofMillis(50).toNanos(); // a thread paused between taking a token and noting the time
        for (int i = 0; i + 3 < times.size(); i++) {
            assertThat(times.get(i + 3) - times.get(i)).as("calls %d and %d", i, i + 3)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(600).toNanos() - tolerance);
        }
    }

    @Test
    void should_release_waiting_calls_as_the_pace_allows() {
        QuotaGate gate = gate("2/300ms", 10, keyA);
        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 5);

        assertThat(leases).filteredOn(CompletableFuture::isDone).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> leases.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void should_use_every_key_of_a_pool_in_turn() {
        QuotaGate gate = gate("2/1m", 10, keyA, keyB);
        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 5);

        List<Secret> used = leases.stream().filter(CompletableFuture::isDone).map(f -> f.join().key()).toList();
        assertThat(used).containsExactlyInAnyOrder(keyA, keyB, keyA, keyB); // each key's third call is a minute away
    }

    @Test
    void should_not_use_a_paused_key_until_its_pause_is_over() {
        QuotaGate gate = gate("1000/1s", 10, keyA, keyB);
        gate.pause(keyA, Duration.ofMinutes(5));

        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 4);

        await().atMost(Duration.ofSeconds(5)).until(() -> leases.stream().allMatch(CompletableFuture::isDone));
        assertThat(leases).extracting(f -> f.join().key()).containsOnly(keyB);
    }

    @Test
    void should_believe_the_provider_when_it_says_less_is_left() {
        QuotaGate gate = gate("1000/1s", 10, keyA);
        gate.observe(keyA, 3, Duration.ofSeconds(40));

        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 5);

        // the bucket would grant all five within 5 ms; the provider's word holds the last two back
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> leases.stream().filter(CompletableFuture::isDone).count() == 3);
    }

    @Test
    void should_not_stall_on_a_rounded_up_reset_when_the_log_holds_the_key_as_tightly() {
        QuotaGate gate = gate("2/200ms", 10, keyA);
        List<CompletableFuture<QuotaLease>> first = acquire(gate, 1);
        // the answer to the first call: one left, the window resets "within a minute" (a coarse, rounded-up figure)
        gate.observe(keyA, 1, Duration.ZERO, Duration.ofMinutes(1));

        List<CompletableFuture<QuotaLease>> next = acquire(gate, 2);

        assertThat(first).allMatch(CompletableFuture::isDone);
        // the log frees the third call 200 ms after the first; believing the count would have held it a minute
        await().atMost(Duration.ofSeconds(5)).until(() -> next.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void should_wait_for_its_own_log_within_a_whole_second_reset_when_none_is_left() {
        QuotaGate gate = gate("1/300ms", 10, keyA);
        acquire(gate, 1);
        // "none left, reset in at most 1 s" (whole seconds): the log frees the next call after 300 ms
        gate.observe(keyA, 0, Duration.ZERO, Duration.ofSeconds(1));

        List<CompletableFuture<QuotaLease>> next = acquire(gate, 1);

        assertThat(gate.nextTryIn()).get().matches(in -> in.compareTo(Duration.ofMillis(300)) <= 0, "at most the log's own wait");
        await().atMost(Duration.ofSeconds(5)).until(() -> next.get(0).isDone());
    }

    @Test
    void should_pause_the_key_when_the_provider_says_nothing_is_left() {
        QuotaGate gate = gate("10/1m", 10, keyA);
        gate.observe(keyA, 0, Duration.ofSeconds(40));

        assertThat(acquire(gate, 1)).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void should_cap_calls_in_flight_and_hand_the_slot_on_when_one_ends() {
        QuotaGate gate = gate("", 2);
        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 3);
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

        List<CompletableFuture<QuotaLease>> leases = acquire(gate, 500);

        assertThat(leases).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(Thread.activeCount()).isLessThan(threadsBefore + 5);
    }

    @Test
    void should_share_a_bucket_between_gates_of_the_same_key() {
        SendLog shared = new MemorySendLog();
        QuotaGate one = new QuotaGate("task", QuotaLimit.parseAll("3/1m"), Duration.ZERO, List.of(new Secret("same")), 10, shared, scheduler);
        QuotaGate two = new QuotaGate("task", QuotaLimit.parseAll("3/1m"), Duration.ZERO, List.of(new Secret("same")), 10, shared, scheduler);

        long granted = acquire(one, 2).stream().filter(CompletableFuture::isDone).count()
                + acquire(two, 2).stream().filter(CompletableFuture::isDone).count();

        assertThat(granted).isEqualTo(3); // the log is shared: three calls a minute for both together
    }

    @Test
    void should_count_the_calls_made_under_a_changed_quota() {
        SendLog shared = new MemorySendLog();
        QuotaGate before = new QuotaGate("task", QuotaLimit.parseAll("1/1h"), Duration.ZERO, List.of(new Secret("same")), 10, shared, scheduler);
        QuotaGate after = new QuotaGate("task", QuotaLimit.parseAll("2/1h"), Duration.ZERO, List.of(new Secret("same")), 10, shared, scheduler);

        assertThat(acquire(before, 1)).allMatch(CompletableFuture::isDone);
        // the call made under 1/1h still counts under 2/1h: one more fits, not two
        assertThat(acquire(after, 2)).extracting(CompletableFuture::isDone).containsExactly(true, false);
    }

    private static List<CompletableFuture<QuotaLease>> acquire(QuotaGate gate, int n) {
        List<CompletableFuture<QuotaLease>> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(gate.acquire());
        }
        return leases;
    }

    @Test
    void should_never_strand_a_waiter_when_a_wake_up_meets_a_drain_still_running() throws Exception {
        // A scheduler whose wake-ups fire at once, on another thread, before schedule() returns: the worst
        // case of a short wait and a drain preempted before it finished. A wake-up that gave up because that
        // drain was still running left the waiter parked for ever.
        ScheduledExecutorService immediateWakes = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
            @Override
            public java.util.concurrent.ScheduledFuture<?> schedule(Runnable wake, long delay, java.util.concurrent.TimeUnit unit) {
                Thread other = new Thread(wake);
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.schedule(() -> { }, 0, unit);
            }
        };
        try {
            QuotaGate gate = new QuotaGate("test", List.of(), Duration.ZERO, List.of(keyA), 4, new MemorySendLog(),
                    immediateWakes, Runnable::run);
            gate.pause(keyA, Duration.ofMillis(50));

            CompletableFuture<QuotaLease> lease = gate.acquire();

            assertThat(lease.get(5, java.util.concurrent.TimeUnit.SECONDS).key()).isSameAs(keyA);
        } finally {
            immediateWakes.shutdownNow();
        }
    }
}
