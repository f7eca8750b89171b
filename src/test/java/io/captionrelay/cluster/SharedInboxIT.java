package io.captionrelay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.EmbeddedPostgresql;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances (three Camel contexts) on one inbox and one PostgreSQL, 300 images, a paid provider stub that
 * answers after 50-200 ms: every image is taken by one instance, paid for once, and its original ends in .done
 * byte for byte; every lease is given up at the end.
 */
class SharedInboxIT {

    static final int IMAGES = 300;

    @TempDir
    Path tmp;

    private final List<RelayApp> apps = new ArrayList<>();
    private PaidProviderStub stub;

    @AfterEach
    void stop() throws Exception {
        for (RelayApp app : apps) {
            app.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void three_instances_on_one_inbox_describe_and_pay_for_every_image_once() throws Exception {
        stub = new PaidProviderStub(50, 200);
        String db = EmbeddedPostgresql.newDatabase();
        Path inbox = tmp.resolve("inbox");
        startAll(apps, List.of(instance(tmp.resolve("a"), inbox, db, stub), instance(tmp.resolve("b"), inbox, db, stub),
                instance(tmp.resolve("c"), inbox, db, stub)));
        Map<String, byte[]> originals = writeImages(inbox, IMAGES);

        await().atMost(Duration.ofSeconds(50)).ignoreExceptions().until(() -> imagesIn(inbox.resolve(".done")).size() == IMAGES
                && imagesIn(inbox).isEmpty());

        assertThat(PaidProviderStub.perImage(stub.calls())).hasSize(IMAGES).allSatisfy((sha, calls) -> assertThat(calls).as(sha).isEqualTo(1));
        Map<String, byte[]> done = contents(imagesIn(inbox.resolve(".done")));
        assertThat(done).hasSize(IMAGES);
        originals.forEach((name, bytes) -> assertThat(done.get(name)).as(name).isEqualTo(bytes));
        assertThat(inbox.resolve(".failed")).doesNotExist();
        assertThat(inbox.resolve(".pending")).doesNotExist();
        long described = 0;
        for (RelayApp app : apps) {
            assertThat(app.progress().describedCount()).as("each instance took a share").isPositive();
            assertThat(app.progress().failedCount()).isZero();
            described += app.progress().describedCount();
        }
        assertThat(described).as("no image taken twice").isEqualTo(IMAGES);
        assertThat(apps.get(0).count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(IMAGES);
        await().atMost(Duration.ofSeconds(20)).until(() -> apps.get(0).count("SELECT COUNT(*) FROM relay_lease") == 0);
    }

    /** Starts the instances side by side (each start takes seconds), adding them to {@code started} as they come up. */
    static void startAll(List<RelayApp> started, List<RelayApp> instances) throws Exception {
        List<java.util.concurrent.CompletableFuture<RelayApp>> starts = instances.stream()
                .map(app -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return app.start();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        for (var start : starts) {
            started.add(start.get());
        }
    }

    static RelayApp instance(Path root, Path inbox, String db, PaidProviderStub stub) {
        RelayApp app = new RelayApp(root)
                .with("relay.inbox.dir", inbox.toString())
                .with("relay.db.url", db)
                .with("relay.db.user", EmbeddedPostgresql.USER)
                .with("relay.db.password", "")
                .with("relay.sinks", "file")
                .with("relay.pipeline.workers", "4")
                .with("relay.pipeline.max-in-progress", "8")
                .with("relay.claims.lease", "3000")
                .with("relay.claims.heartbeat", "1000")
                .with("relay.claims.poll-interval", "100");
        stub.settings().forEach(app::with);
        return app;
    }

    /** {@code count} distinct JPEGs in the inbox (and in sub-folders), by name. */
    static Map<String, byte[]> writeImages(Path inbox, int count) throws Exception {
        Map<String, byte[]> written = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = (i % 3 == 0 ? "trip/" : "") + "img-" + i + ".jpg";
            byte[] bytes = TestImages.uniqueJpeg(i, 64, 48);
            Path file = inbox.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            written.put(name, bytes);
        }
        return written;
    }

    /** Image files under {@code folder} (a walk that meets a file moving away throws: callers await ignoring that), skipping the hidden area folders. */
    static List<Path> imagesIn(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".jpg"))
                    .filter(p -> !folder.relativize(p).toString().startsWith("."))
                    .toList();
        }
    }

    static Map<String, byte[]> contents(List<Path> files) throws Exception {
        Map<String, byte[]> byName = new HashMap<>();
        for (Path file : files) {
            Path done = file.getParent();
            while (!done.getFileName().toString().equals(".done")) {
                done = done.getParent();
            }
            byName.put(done.relativize(file).toString(), Files.readAllBytes(file));
        }
        return byName;
    }
}
