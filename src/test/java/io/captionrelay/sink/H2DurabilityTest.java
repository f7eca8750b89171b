package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class H2DurabilityTest {

    @Test
    void should_write_every_commit_before_it_returns_for_h2_files() {
        assertThat(H2Durability.url("jdbc:h2:file:./data/captionrelay")).isEqualTo("jdbc:h2:file:./data/captionrelay;WRITE_DELAY=0");
        assertThat(H2Durability.url("jdbc:h2:./data/x;MODE=PostgreSQL")).isEqualTo("jdbc:h2:./data/x;MODE=PostgreSQL;WRITE_DELAY=0");
    }

    @Test
    void should_leave_a_write_delay_the_user_chose_and_other_databases_alone() {
        assertThat(H2Durability.url("jdbc:h2:file:./d;write_delay=500")).isEqualTo("jdbc:h2:file:./d;write_delay=500");
        assertThat(H2Durability.url("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(H2Durability.url("jdbc:h2:tcp://db/x")).isEqualTo("jdbc:h2:tcp://db/x");
        assertThat(H2Durability.url("jdbc:postgresql://db:5432/x")).isEqualTo("jdbc:postgresql://db:5432/x");
    }
}
