package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps more parsed statements per connection than H2's 8, unless the URL chooses its own number. */
class H2QueryCacheTest {

    @TempDir
    Path tmp;

    @Test
    void should_size_the_statement_cache_of_an_embedded_h2_database() {
        assertThat(H2QueryCache.sized("jdbc:h2:file:./data/captionrelay;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/captionrelay;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
        assertThat(H2QueryCache.sized("jdbc:h2:./x;query_cache_size=4")).isEqualTo("jdbc:h2:./x;query_cache_size=4");
        assertThat(H2QueryCache.sized("jdbc:h2:tcp://127.0.0.1/x")).isEqualTo("jdbc:h2:tcp://127.0.0.1/x");
        assertThat(H2QueryCache.sized("jdbc:postgresql://127.0.0.1/x")).isEqualTo("jdbc:postgresql://127.0.0.1/x");
    }

    @Test
    void should_open_the_relay_database_with_it() throws Exception {
        try (RelayDatabase db = new RelayDatabase("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath(), "sa", "", 2);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("64");
        }
    }
}
