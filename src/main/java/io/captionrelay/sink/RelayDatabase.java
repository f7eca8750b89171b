package io.captionrelay.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database behind the ledger and the JDBC sink: an H2 file under {@code ./data} by default, any
 * JDBC URL by configuration. The schema is brought up to date by Flyway migrations at start-up.
 */
public final class RelayDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    public RelayDatabase(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("captionrelay-db");
        this.dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations(url))
                .load()
                .migrate();
    }

    /** Common migrations, plus db/vendor/<database> for one database only (e.g. PostgreSQL quota buckets). */
    private static String[] locations(String url) {
        String vendor = url.startsWith("jdbc:") ? url.split(":")[1] : "";
        String vendorFolder = "db/vendor/" + vendor;
        return RelayDatabase.class.getClassLoader().getResource(vendorFolder) == null
                ? new String[] {"classpath:db/migration"}
                : new String[] {"classpath:db/migration", "classpath:" + vendorFolder};
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
