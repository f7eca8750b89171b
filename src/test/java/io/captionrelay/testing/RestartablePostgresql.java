package io.captionrelay.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A PostgreSQL of its own (not the shared {@link EmbeddedPostgresql}) that a test can stop and start again on
 * the same port and data directory, as an outage and a restart of the real server would look to the app.
 */
public final class RestartablePostgresql implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    public RestartablePostgresql(Path dataDirectory) throws IOException {
        this.dataDirectory = dataDirectory;
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        start();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server on the same port and data (initialised on the first start only). */
    public synchronized void start() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).start();
        }
    }

    /** Stops the server (pg_ctl stop -m fast: open connections are cut); its data stays. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
