package io.captionrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProviderCircuitsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ProviderCircuits circuits = new ProviderCircuits(Duration.ofMinutes(5), now::get);
    private final RelayException refusedKey = new RelayException(ErrorClass.AUTH, "key refused");

    @Test
    void should_stop_a_provider_only_for_a_refused_key_or_spent_credit() throws RelayException {
        circuits.trip("a", new RelayException(ErrorClass.TRANSIENT, "HTTP 503"));
        circuits.trip("a", RelayException.rateLimited("slow down", null));
        assertThat(circuits.admit("a")).isFalse();

        circuits.trip("a", new RelayException(ErrorClass.OUT_OF_CREDIT, "no credit"));
        assertThatThrownBy(() -> circuits.admit("a")).isInstanceOf(RelayException.class)
                .hasMessage("a is stopped (no credit)")
                .satisfies(e -> assertThat(((RelayException) e).errorClass()).isEqualTo(ErrorClass.OUT_OF_CREDIT));
        assertThat(circuits.admit("b")).isFalse();
    }

    @Test
    void should_keep_the_providers_own_reason_when_calls_fail_because_it_is_stopped() {
        circuits.trip("a", refusedKey);
        for (int i = 0; i < 3; i++) { // each waiting image's failure goes through the route's error handler, which trips
            RelayException stopped = org.assertj.core.api.Assertions.catchThrowableOfType(() -> circuits.admit("a"),
                    RelayException.class);
            circuits.trip("a", stopped);
        }
        assertThatThrownBy(() -> circuits.check("a")).hasMessage("a is stopped (key refused)");
        assertThat(circuits.openCircuits()).containsEntry("a", "auth: key refused");
    }

    @Test
    void should_let_one_probe_through_per_probe_period() throws RelayException {
        circuits.trip("a", refusedKey);
        later(Duration.ofMinutes(4));
        assertThatThrownBy(() -> circuits.admit("a")).isInstanceOf(RelayException.class);
        assertThat(circuits.nextProbeIn("a")).contains(Duration.ofMinutes(1));
        assertThat(circuits.nextProbeIn("b")).isEmpty();

        later(Duration.ofMinutes(1));
        assertThat(circuits.admit("a")).isTrue();
        assertThatThrownBy(() -> circuits.admit("a")).isInstanceOf(RelayException.class);
        assertThatThrownBy(() -> circuits.check("a")).isInstanceOf(RelayException.class); // polls never probe

        later(Duration.ofMinutes(5)); // the probe got no answer at all: another one
        assertThat(circuits.admit("a")).isTrue();
    }

    @Test
    void should_stay_open_for_another_period_when_the_probe_is_refused() {
        circuits.trip("a", refusedKey);
        later(Duration.ofMinutes(5));
        assertThat(circuits.wantsProbeImage("a")).isTrue();

        circuits.trip("a", refusedKey); // the probe's answer
        later(Duration.ofMinutes(3));
        assertThat(circuits.wantsProbeImage("a")).isFalse();
        assertThatThrownBy(() -> circuits.admit("a")).isInstanceOf(RelayException.class);
    }

    @Test
    void should_close_when_a_call_is_answered() throws RelayException {
        circuits.trip("a", refusedKey);
        later(Duration.ofMinutes(5));
        assertThat(circuits.admit("a")).isTrue();

        circuits.answered("a");

        assertThat(circuits.isOpen("a")).isFalse();
        assertThat(circuits.admit("a")).isFalse();
        circuits.check("a");
        assertThat(circuits.openCircuits()).isEmpty();
    }

    @Test
    void should_offer_pending_images_always_when_closed_and_one_per_probe_when_open() {
        assertThat(circuits.wantsProbeImage("a")).isTrue();
        assertThat(circuits.wantsProbeImage("a")).isTrue();

        circuits.trip("a", refusedKey);
        assertThat(circuits.wantsProbeImage("a")).isFalse();
        later(Duration.ofMinutes(5));
        assertThat(circuits.wantsProbeImage("a")).isTrue();
        assertThat(circuits.wantsProbeImage("a")).isFalse();
        assertThat(circuits.openCircuits()).containsEntry("a", "auth: key refused");
    }

    private void later(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
