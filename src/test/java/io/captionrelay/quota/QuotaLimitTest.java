package io.captionrelay.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaLimitTest {

    @Test
    void should_read_every_limit_of_a_key() {
        assertThat(QuotaLimit.parseAll("5/1m, 300/1h,2/500ms")).containsExactly(
                new QuotaLimit(5, Duration.ofMinutes(1)), new QuotaLimit(300, Duration.ofHours(1)),
                new QuotaLimit(2, Duration.ofMillis(500)));
        assertThat(QuotaLimit.parseAll("")).isEmpty();
    }

    @Test
    void should_refuse_what_is_not_a_limit() {
        assertThatThrownBy(() -> QuotaLimit.parseAll("5 per minute")).hasMessageContaining("5/1m");
        assertThatThrownBy(() -> QuotaLimit.parseAll("0/1m")).isInstanceOf(IllegalArgumentException.class);
    }
}
