package io.captionrelay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.EmbeddedPostgresql;
import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of three instances on one inbox and one PostgreSQL is the packaged jar, killed with SIGKILL in the middle of
 * the run: its leases expire, the two others finish, every original ends in .done byte for byte, and an image is paid
 * twice only for the calls the dead instance had in flight (its result claims still in the table after the kill).
 */
class SharedInboxCrashIT {

    private static final int IMAGES = 120;
    private static final String VICTIM = "victim";

    @TempDir
    Path tmp;

    private final List<RelayApp> apps = new ArrayList<>();
    private PaidProviderStub stub;
    private Process victim;

    @AfterEach
    void stop() throws Exception {
        if (victim != null) {
            victim.destroyForcibly();
        }
        for (RelayApp app : apps) {
            app.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void a_killed_instance_s_claims_expire_and_the_others_finish_paying_again_only_for_its_calls_in_flight() throws Exception {
        stub = new PaidProviderStub(300, 700);
        String db = EmbeddedPostgresql.newDatabase();
        Path inbox = tmp.resolve("inbox");
        Map<String, byte[]> originals = SharedInboxIT.writeImages(inbox, IMAGES);
        victim = startJar(tmp.resolve("victim"), inbox, db);
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> count(db, "SELECT COUNT(*) FROM relay_lease WHERE scope = 'result'"
                + " AND owner = '" + VICTIM + "'") >= 2 || !victim.isAlive());
        assertThat(victim.isAlive()).as("the jar runs").isTrue();
        SharedInboxIT.startAll(apps, List.of(SharedInboxIT.instance(tmp.resolve("a"), inbox, db, stub),
                SharedInboxIT.instance(tmp.resolve("b"), inbox, db, stub)));
        await().atMost(Duration.ofSeconds(30)).until(() -> stub.calls().size() >= IMAGES / 3);

        victim.destroyForcibly(); // SIGKILL to the JVM itself
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long inFlight = count(db, "SELECT COUNT(*) FROM relay_lease WHERE scope = 'result' AND owner = '" + VICTIM + "'");

        await().atMost(Duration.ofSeconds(45)).ignoreExceptions().until(() -> SharedInboxIT.imagesIn(inbox).isEmpty()
                && nonEmpty(SharedInboxIT.imagesIn(inbox.resolve(".done"))).size() == IMAGES);
        Map<String, byte[]> done = SharedInboxIT.contents(nonEmpty(SharedInboxIT.imagesIn(inbox.resolve(".done"))));
        assertThat(done).hasSize(IMAGES);
        originals.forEach((name, bytes) -> assertThat(done.get(name)).as(name).isEqualTo(bytes));
        assertThat(inbox.resolve(".failed")).doesNotExist();

        Map<String, Integer> paid = PaidProviderStub.perImage(stub.calls());
        String report = stub.calls().size() + " calls for " + IMAGES + " images; the killed instance had " + inFlight + " in flight";
        assertThat(paid).as(report).hasSize(IMAGES).allSatisfy((sha, calls) -> assertThat(calls).as(report).isBetween(1, 2));
        assertThat(paid.values().stream().filter(calls -> calls == 2).count()).as(report).isLessThanOrEqualTo(inFlight);
        assertThat(count(db, "SELECT COUNT(*) FROM caption_ledger")).isEqualTo(IMAGES);
        // the dead instance's leases are taken over or purged by the heartbeat of the living
        await().atMost(Duration.ofSeconds(20)).until(() -> count(db, "SELECT COUNT(*) FROM relay_lease WHERE owner = '" + VICTIM + "'") == 0);
    }

    private Process startJar(Path work, Path inbox, String db) throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        Map<String, String> settings = new HashMap<>(stub.settings());
        settings.put("relay.inbox.dir", inbox.toString());
        settings.put("relay.outbox.dir", work.resolve("outbox").toString());
        settings.put("relay.db.url", db);
        settings.put("relay.db.user", EmbeddedPostgresql.USER);
        settings.put("relay.db.password", "");
        settings.put("relay.sinks", "file");
        settings.put("relay.pipeline.workers", "4");
        settings.put("relay.pipeline.max-in-progress", "8");
        settings.put("relay.inbox.min-age", "100");
        settings.put("relay.inbox.poll-delay", "100");
        settings.put("relay.claims.instance", VICTIM);
        settings.put("relay.claims.lease", "3000");
        settings.put("relay.claims.heartbeat", "1000");
        settings.put("relay.claims.poll-interval", "100");
        ProcessBuilder command = PackagedJar.command(work).redirectOutput(work.resolve("run.log").toFile());
        settings.forEach((key, value) -> command.environment().put(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));
        return command.start();
    }

    /** A crash between reserving a name in .done and the move into it can leave an empty placeholder: not an image. */
    private static List<Path> nonEmpty(List<Path> files) {
        return files.stream().filter(file -> file.toFile().length() > 0).toList();
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, EmbeddedPostgresql.USER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
