package io.captionrelay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.EmbeddedPostgresql;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.S3Server;
import io.captionrelay.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances on one bucket (S3Proxy) and one PostgreSQL, 150 objects (S3Proxy moves are slow under load), a paid provider stub answering after
 * 50-200 ms: the S3 consumers share their in-progress set, so every object is described and paid for once, ends under
 * done/ byte for byte, and no instance moves one to failed/ or writes a reason record for it.
 */
class SharedBucketIT {

    private static final String BUCKET = "photos";
    private static final int OBJECTS = 150;

    @TempDir
    Path tmp;

    private final List<RelayApp> apps = new ArrayList<>();
    private PaidProviderStub stub;
    private S3Server s3;

    @AfterEach
    void stop() throws Exception {
        for (RelayApp app : apps) {
            app.close();
        }
        if (stub != null) {
            stub.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void three_instances_on_one_bucket_describe_and_pay_for_every_object_once() throws Exception {
        stub = new PaidProviderStub(50, 200);
        s3 = S3Server.start(BUCKET);
        String db = EmbeddedPostgresql.newDatabase();
        Path inbox = tmp.resolve("inbox");
        List<RelayApp> instances = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            instances.add(s3.configure(SharedInboxIT.instance(tmp.resolve(name), inbox, db, stub))
                    .with("relay.s3.enabled", "true")
                    .with("relay.s3.bucket", BUCKET)
                    .with("relay.s3.poll-delay", "100"));
        }
        SharedInboxIT.startAll(apps, instances);
        Map<String, byte[]> originals = new HashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            String path = (i % 3 == 0 ? "trip/" : "") + "obj-" + i + ".jpg";
            byte[] bytes = TestImages.uniqueJpeg(5000 + i, 64, 48);
            s3.put(BUCKET, "incoming/" + path, bytes);
            originals.put(path, bytes);
        }

        await().atMost(Duration.ofSeconds(50)).until(() -> s3.keys(BUCKET, "done/").size() == OBJECTS
                && s3.keys(BUCKET, "incoming/").isEmpty());

        assertThat(PaidProviderStub.perImage(stub.calls())).hasSize(OBJECTS).allSatisfy((sha, calls) -> assertThat(calls).as(sha).isEqualTo(1));
        originals.forEach((path, bytes) -> assertThat(s3.get(BUCKET, "done/" + path)).as(path).isEqualTo(bytes));
        assertThat(s3.keys(BUCKET, "failed/")).isEmpty();
        assertThat(s3.keys(BUCKET, "pending/")).isEmpty();
        long described = 0;
        for (RelayApp app : apps) {
            assertThat(app.progress().failedCount()).isZero();
            described += app.progress().describedCount();
        }
        assertThat(described).as("no object taken twice").isEqualTo(OBJECTS);
        assertThat(apps.get(0).count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(OBJECTS);
    }
}
