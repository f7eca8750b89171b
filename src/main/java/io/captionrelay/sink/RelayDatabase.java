package io.captionrelay.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database behind the ledger and the JDBC sink: an H2 file under {@code ./data} by default, any
 * JDBC URL by configuration. The schema is brought up to date by Flyway migrations at start-up: the
 * shared ones in {@code db/migration} together with those for this database only, in {@code db/vendor/<database>}.
 */
public final class RelayDatabase implements AutoCloseable {

    /** Milliseconds a caller waits for a connection when none is given (Hikari's own default is 30 s). */
    public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 3000;

    private final HikariDataSource dataSource;

    public RelayDatabase(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT_MS);
    }

    /**
     * @param connectionTimeoutMs how long one attempt waits for a connection before it fails (and is retried by
     *                            the caller): short, so that a database outage costs retries, not hung workers
     */
    public RelayDatabase(String url, String user, String password, int poolSize, long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(H2QueryCache.sized(H2Cache.bounded(H2Durability.url(url))));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("captionrelay-db");
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setValidationTimeout(Math.max(250, Math.min(connectionTimeoutMs / 2, 5000)));
        try {
            this.dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the database of relay.db.url: " + e.getMessage(), e);
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations(dataSource))
                .load()
                .migrate();
    }

    /**
     * {@code db/migration} (SQL every database accepts) and, when it exists, {@code db/vendor/<database>}
     * (e.g. {@code db/vendor/postgresql}) for what only that database has. Versions are unique across both.
     */
    static String[] locations(DataSource dataSource) {
        String vendor;
        try (Connection c = dataSource.getConnection()) {
            vendor = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
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
