package io.captionrelay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.sink.RelayDatabase;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lease table's rules on a real (H2) database migrated by Flyway, with a clock the test moves. */
class LeasesTest {

    private final RelayDatabase database = new RelayDatabase("jdbc:h2:mem:leases-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Leases first = new Leases(database.dataSource(), "first", 3000, now::get);
    private final Leases second = new Leases(database.dataSource(), "second", 3000, now::get);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void one_owner_at_a_time_and_only_the_owner_gives_it_up() throws Exception {
        assertThat(first.take("result", "k")).isTrue();
        assertThat(second.take("result", "k")).isFalse();
        assertThat(first.take("result", "other")).isTrue();

        second.release("result", "k"); // not its lease: nothing happens
        assertThat(second.isHeld("result", "k")).isTrue();
        assertThat(second.take("result", "k")).isFalse();

        first.release("result", "k");
        assertThat(second.isHeld("result", "k")).isFalse();
        assertThat(second.take("result", "k")).isTrue();
    }

    @Test
    void a_lease_not_renewed_is_taken_over_after_it_expires_and_a_renewed_one_is_not() throws Exception {
        assertThat(first.take("inbox", "/in/a.jpg")).isTrue();
        assertThat(second.take("inbox", "/in/b.jpg")).isTrue();
        now.addAndGet(2000);
        assertThat(second.renew()).isEqualTo(1);
        now.addAndGet(1500); // first's lease ran out, second's was renewed

        assertThat(first.take("inbox", "/in/b.jpg")).isFalse();
        assertThat(second.take("inbox", "/in/a.jpg")).isTrue();
        assertThat(first.take("inbox", "/in/a.jpg")).as("taken over by second now").isFalse();
        first.release("inbox", "/in/a.jpg");
        assertThat(first.isHeld("inbox", "/in/a.jpg")).as("first no longer owns it: its release removes nothing").isTrue();
    }

    @Test
    void a_lease_released_later_stays_live_for_the_delay_and_no_heartbeat_renews_it() throws Exception {
        assertThat(first.take("s3:photos", "incoming/a.jpg")).isTrue();
        first.releaseLater("s3:photos", "incoming/a.jpg", 1000);
        assertThat(first.renew()).isZero();
        assertThat(second.take("s3:photos", "incoming/a.jpg")).isFalse();
        now.addAndGet(1001);
        assertThat(second.take("s3:photos", "incoming/a.jpg")).isTrue();
    }

    @Test
    void expired_leases_are_purged_a_lease_after_they_ran_out_and_a_graceful_stop_gives_up_all() throws Exception {
        first.take("inbox", "a");
        first.take("inbox", "b");
        second.take("inbox", "c");
        now.addAndGet(6001);
        second.renew();
        assertThat(second.purgeExpired()).isEqualTo(2);
        assertThat(second.releaseAll()).isEqualTo(1);
        assertThat(first.isHeld("inbox", "c")).isFalse();
    }

    @Test
    void long_keys_are_stored_as_their_hash() {
        String path = "/inbox/" + "deep/".repeat(100) + "a.jpg";
        assertThat(Leases.stored(path)).startsWith("sha256:").hasSize(71);
        assertThat(Leases.stored("/inbox/a.jpg")).isEqualTo("/inbox/a.jpg");
    }

    @Test
    void shared_mode_follows_the_database_unless_chosen() {
        assertThat(SharedDatabase.isShared("auto", "jdbc:h2:file:./data/captionrelay;WRITE_DELAY=0")).isFalse();
        assertThat(SharedDatabase.isShared("auto", "jdbc:h2:mem:x")).isFalse();
        assertThat(SharedDatabase.isShared("auto", "jdbc:h2:tcp://db:9092/relay")).isTrue();
        assertThat(SharedDatabase.isShared("auto", "jdbc:postgresql://db/relay")).isTrue();
        assertThat(SharedDatabase.isShared("false", "jdbc:postgresql://db/relay")).isFalse();
        assertThat(SharedDatabase.isShared("true", "jdbc:h2:file:./x")).isTrue();
    }
}
