package io.captionrelay.testing;

import io.captionrelay.CaptionRelay;
import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.pipeline.PipelineProgress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real application (Camel Main, the YAML routes in routes/, the Java core) started in-process
 * on temporary folders and a temporary H2 database.
 */
public final class RelayApp implements AutoCloseable {

    public final Path root;
    public final Path inbox;
    public final Path outbox;
    private final Map<String, String> properties = new HashMap<>();
    private Main main;

    public RelayApp(Path root) {
        this.root = root;
        this.inbox = root.resolve("inbox");
        this.outbox = root.resolve("outbox");
        properties.put("relay.inbox.dir", inbox.toString());
        properties.put("relay.outbox.dir", outbox.toString());
        properties.put("relay.db.url", "jdbc:h2:file:" + root.resolve("data/captionrelay").toAbsolutePath());
        properties.put("relay.db.paid-answers.dir", root.resolve("data/paid-answers").toString());
        properties.put("relay.inbox.min-age", "300");
        properties.put("relay.inbox.poll-delay", "100");
        properties.put("relay.progress.interval", "1000");
        properties.put("camel.management.port", "0"); // several apps may run in one test JVM
    }

    public RelayApp with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public RelayApp start() throws Exception {
        inbox.toFile().mkdirs();
        main = CaptionRelay.create(null, properties);
        main.start();
        return this;
    }

    public void stop() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public PipelineProgress progress() {
        return context().getRegistry().lookupByNameAndType(RelayConfiguration.PROGRESS, PipelineProgress.class);
    }

    public long count(String sql) throws SQLException {
        DataSource ds = context().getRegistry().lookupByNameAndType(RelayConfiguration.DATA_SOURCE, DataSource.class);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
