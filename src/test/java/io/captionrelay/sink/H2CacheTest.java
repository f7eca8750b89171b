package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedded database's page cache is bounded unless the URL chooses its own size. */
class H2CacheTest {

    @Test
    void should_bound_the_cache_of_an_embedded_h2_database() {
        assertThat(H2Cache.bounded("jdbc:h2:file:./data/captionrelay;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/captionrelay;WRITE_DELAY=0;CACHE_SIZE=8192");
        assertThat(H2Cache.bounded("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test;CACHE_SIZE=8192");
    }

    @Test
    void should_leave_a_chosen_cache_size_and_other_databases_alone() {
        assertThat(H2Cache.bounded("jdbc:h2:./x;cache_size=65536")).isEqualTo("jdbc:h2:./x;cache_size=65536");
        assertThat(H2Cache.bounded("jdbc:h2:tcp://127.0.0.1/x")).isEqualTo("jdbc:h2:tcp://127.0.0.1/x");
        assertThat(H2Cache.bounded("jdbc:postgresql://127.0.0.1/x")).isEqualTo("jdbc:postgresql://127.0.0.1/x");
    }
}
