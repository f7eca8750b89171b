package io.captionrelay.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.iptc.IptcDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.InMemoryObjectTags;
import io.captionrelay.testing.LogRecorder;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.RestartablePostgresql;
import io.captionrelay.testing.S3Server;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The real app reading a bucket of a real S3-API server (S3Proxy, in this JVM) and writing results back to it. */
class S3BucketPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "photos";

    @TempDir
    Path tmp;

    private S3Server s3;
    private RelayApp app;

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3Server.start(BUCKET);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        s3.close();
    }

    private RelayApp app() {
        return s3.configure(new RelayApp(tmp))
                .with("relay.s3.enabled", "true")
                .with("relay.s3.bucket", BUCKET)
                .with("relay.s3.poll-delay", "100")
                .with("relay.sinks", "file,jdbc,s3");
    }

    @Test
    void should_describe_an_object_into_sidecars_and_a_row_then_move_it_to_done() throws Exception {
        app = app().start();
        byte[] image = TestImages.jpeg(640, 480, Color.BLUE);
        s3.put(BUCKET, "incoming/trip/beach.jpg", image);

        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/trip/beach.jpg"));
        assertThat(s3.exists(BUCKET, "incoming/trip/beach.jpg")).isFalse();
        assertThat(s3.get(BUCKET, "done/trip/beach.jpg")).isEqualTo(image);

        JsonNode sidecar = JSON.readTree(s3.getString(BUCKET, "captions/trip/beach.jpg.local.json"));
        assertThat(sidecar.path("imageSha256").asText()).isEqualTo(sha256(image));
        assertThat(sidecar.path("source").asText()).isEqualTo("s3://photos/incoming/trip/beach.jpg");
        assertThat(sidecar.path("provider").asText()).isEqualTo("local");
        assertThat(sidecar.path("title").asText()).containsIgnoringCase("landscape");
        JsonNode file = JSON.readTree(app.outbox.resolve("trip/beach.jpg.local.json").toFile());
        assertThat(file.path("source").asText()).isEqualTo("s3://photos/incoming/trip/beach.jpg");
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE source = 's3://photos/incoming/trip/beach.jpg'"))
                .isEqualTo(1);
        assertThat(s3.keys(BUCKET, "")).containsExactlyInAnyOrder("captions/trip/beach.jpg.local.json", "done/trip/beach.jpg");
        assertThat(app.progress().describedCount()).isEqualTo(1);
    }

    @Test
    void should_leave_the_object_in_place_until_the_database_has_its_result() throws Exception {
        try (RestartablePostgresql postgres = new RestartablePostgresql(tmp.resolve("pgdata"));
             LogRecorder retries = new LogRecorder("org.apache.camel.processor.errorhandler.DefaultErrorHandler")) {
            // one instance alone on PostgreSQL: shared mode would take no new object while the database is down
            // (docs/scaling-out.md), and this is about an object taken during the outage
            app = app().with("relay.db.url", postgres.jdbcUrl()).with("relay.db.user", RestartablePostgresql.USER)
                    .with("relay.claims.shared", "false")
                    .with("relay.db.connection-timeout", "500").with("relay.db.retry.max-retries", "30")
                    .with("relay.db.retry.initial-delay", "100").with("relay.db.retry.max-delay", "500")
                    .with("relay.sinks", "file,jdbc").start();
            postgres.stop();
            byte[] image = TestImages.jpeg(64, 48, Color.ORANGE);
            s3.put(BUCKET, "incoming/wait.jpg", image);

            await().atMost(WAIT).until(() -> retries.contains("On delivery attempt: 3"));
            assertThat(s3.keys(BUCKET, "")).as("acknowledged only once stored").containsExactly("incoming/wait.jpg");
            postgres.start();

            await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/wait.jpg"));
            assertThat(s3.exists(BUCKET, "incoming/wait.jpg")).isFalse();
            assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE source = 's3://photos/incoming/wait.jpg'")).isEqualTo(1);
            assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(1);
            app.close(); // before the database goes
            app = null;
        }
    }

    @Test
    void should_delete_a_pending_record_left_from_an_earlier_wait_once_the_object_completes() throws Exception {
        s3.put(BUCKET, "pending/trip/waited.jpg.pending.json", "{\"errorClass\":\"auth\"}".getBytes(StandardCharsets.UTF_8));
        app = app().start();
        s3.put(BUCKET, "incoming/trip/waited.jpg", TestImages.uniqueJpeg(12, 50, 40)); // put back by hand, without its record

        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/trip/waited.jpg"));
        await().atMost(WAIT).until(() -> !s3.exists(BUCKET, "pending/trip/waited.jpg.pending.json"));
        assertThat(s3.keys(BUCKET, "")).containsExactlyInAnyOrder("captions/trip/waited.jpg.local.json", "done/trip/waited.jpg");
    }

    @Test
    void should_delete_the_object_when_not_keeping_it() throws Exception {
        app = app().with("relay.s3.move-to-done", "false").start();
        s3.put(BUCKET, "incoming/gone.jpg", TestImages.jpeg(64, 64, Color.PINK));

        await().atMost(WAIT).until(() -> app.progress().doneCount() == 1);
        await().atMost(WAIT).until(() -> !s3.exists(BUCKET, "incoming/gone.jpg"));
        assertThat(s3.keys(BUCKET, "")).containsExactly("captions/gone.jpg.local.json");
    }

    @Test
    void should_write_sidecar_objects_for_dropped_files_too() throws Exception {
        app = app().with("relay.s3.enabled", "false").with("relay.sink.s3.tag-source", "true").start();
        Path staged = tmp.resolve("staged.jpg");
        Files.write(staged, TestImages.jpeg(80, 60, Color.YELLOW));
        Files.createDirectories(app.inbox.resolve("from disk"));
        Files.move(staged, app.inbox.resolve("from disk/y.jpg"));

        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "captions/from disk/y.jpg.local.json"));
        JsonNode sidecar = JSON.readTree(s3.getString(BUCKET, "captions/from disk/y.jpg.local.json"));
        assertThat(sidecar.path("source").asText()).isEqualTo("file:from disk/y.jpg");
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/from disk/y.jpg")));
        assertThat(s3.keys(BUCKET, "")).containsExactly("captions/from disk/y.jpg.local.json"); // nothing to tag: not from S3
    }

    @Test
    void should_move_each_bad_object_to_failed_with_its_reason_beside_it_and_keep_going() throws Exception {
        app = app().with("relay.image.max-bytes", "200000").start();
        s3.put(BUCKET, "incoming/notes.jpg", "this is a text file, not a picture".getBytes(StandardCharsets.UTF_8));
        s3.put(BUCKET, "incoming/scans/cut.jpg", TestImages.cut(TestImages.jpeg(400, 300, Color.RED), 0.6));
        s3.put(BUCKET, "incoming/huge.png", TestImages.noisyPng(400, 400));

        for (String path : List.of("notes.jpg", "scans/cut.jpg", "huge.png")) {
            await().atMost(WAIT).until(() -> s3.exists(BUCKET, "failed/" + path) && s3.exists(BUCKET, "failed/" + path + ".error.json"));
            JsonNode reason = JSON.readTree(s3.getString(BUCKET, "failed/" + path + ".error.json"));
            assertThat(reason.path("errorClass").asText()).as(path).isEqualTo("bad-input");
            assertThat(reason.path("source").asText()).isEqualTo("s3://photos/incoming/" + path);
            assertThat(reason.path("time").asText()).isNotBlank();
        }
        assertThat(reasonOf("failed/notes.jpg.error.json")).contains("not an image");
        assertThat(reasonOf("failed/scans/cut.jpg.error.json")).contains("truncated");
        assertThat(reasonOf("failed/huge.png.error.json")).contains("larger than the limit");

        s3.put(BUCKET, "incoming/after.png", TestImages.png(50, 50, Color.GREEN));
        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/after.png"));
        // a move is a copy, then a delete: the source key goes a moment after the target appears
        await().atMost(WAIT).until(() -> s3.keys(BUCKET, "incoming/").isEmpty());
        assertThat(app.progress().failedCount()).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1);
    }

    @Test
    void should_keep_objects_pending_while_the_key_is_refused_and_describe_them_after_a_restart() throws Exception {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        try {
            stub.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer sk-revoked-0000000000"))
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"message\":\"Incorrect API key\",\"code\":\"invalid_api_key\"}}")));
            stub.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer sk-good-1111111111"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                            {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop",
                             "message":{"role":"assistant","content":"A square\\n\\nA plain square."}}]}""")));
            app = app().with("relay.providers", "openai").with("relay.provider.openai.base-url", stub.baseUrl())
                    .with("relay.provider.openai.model", "test-vision")
                    .with("relay.provider.openai.api-key", "sk-revoked-0000000000").start();
            for (int i = 0; i < 2; i++) {
                s3.put(BUCKET, "incoming/queue/p" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
            }

            await().atMost(WAIT).until(() -> s3.keys(BUCKET, "pending/").size() == 4);
            assertThat(s3.keys(BUCKET, "pending/")).containsExactlyInAnyOrder("pending/queue/p0.jpg", "pending/queue/p0.jpg.pending.json",
                    "pending/queue/p1.jpg", "pending/queue/p1.jpg.pending.json");
            JsonNode why = JSON.readTree(s3.getString(BUCKET, "pending/queue/p0.jpg.pending.json"));
            assertThat(why.path("errorClass").asText()).isEqualTo("auth");
            assertThat(why.path("source").asText()).isEqualTo("s3://photos/incoming/queue/p0.jpg");
            assertThat(s3.keys(BUCKET, "incoming/")).isEmpty();
            assertThat(s3.keys(BUCKET, "failed/")).isEmpty();
            app.stop();

            // the key is fixed: pending objects go back under incoming/ at start and are described
            app = app().with("relay.providers", "openai").with("relay.provider.openai.base-url", stub.baseUrl())
                    .with("relay.provider.openai.model", "test-vision")
                    .with("relay.provider.openai.api-key", "sk-good-1111111111").start();
            await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/queue/p0.jpg") && s3.exists(BUCKET, "done/queue/p1.jpg"));
            await().atMost(WAIT).until(() -> s3.keys(BUCKET, "pending/").isEmpty());
            assertThat(s3.keys(BUCKET, "incoming/")).isEmpty();
            assertThat(s3.exists(BUCKET, "captions/queue/p0.jpg.openai.json")).isTrue();
            assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE provider = 'openai'")).isEqualTo(2);
        } finally {
            stub.stop();
        }
    }

    @Test
    void should_bring_pending_objects_back_once_the_provider_answers_a_probe_without_a_restart() throws Exception {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        try {
            stub.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("""
                            {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop",
                             "message":{"role":"assistant","content":"A square\\n\\nA plain square."}}]}""")));
            var suspended = stub.stubFor(post("/v1/chat/completions").atPriority(1).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"message\":\"Your key is suspended\",\"code\":\"invalid_api_key\"}}")));
            app = app().with("relay.providers", "openai").with("relay.provider.openai.base-url", stub.baseUrl())
                    .with("relay.provider.openai.model", "test-vision").with("relay.provider.openai.max-in-flight", "1")
                    .with("relay.provider.openai.api-key", "sk-good-1111111111")
                    .with("relay.circuit.probe-after", "1500").with("relay.pending.poll-interval", "200").start();
            for (int i = 0; i < 3; i++) {
                s3.put(BUCKET, "incoming/queue/p" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
            }
            await().atMost(WAIT).until(() -> s3.keys(BUCKET, "pending/").size() == 6);
            JsonNode why = JSON.readTree(s3.getString(BUCKET, "pending/queue/p0.jpg.pending.json"));
            assertThat(why.path("provider").asText()).isEqualTo("openai");

            // while the key is refused, pending objects stay put but for one per probe period
            await().atMost(WAIT).until(() -> answered(stub, 401) >= 2);
            assertThat(s3.keys(BUCKET, "failed/")).isEmpty();
            stub.removeStub(suspended);

            await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/queue/p0.jpg") && s3.exists(BUCKET, "done/queue/p1.jpg") && s3.exists(BUCKET, "done/queue/p2.jpg"));
            await().atMost(WAIT).until(() -> s3.keys(BUCKET, "pending/").isEmpty());
            assertThat(s3.keys(BUCKET, "incoming/")).isEmpty();
            assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE provider = 'openai'")).isEqualTo(3);
            assertThat(answered(stub, 200)).isEqualTo(3); // each object paid once
        } finally {
            stub.stop();
        }
    }

    private static long answered(WireMockServer stub, int status) {
        return stub.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == status).count();
    }

    @Test
    void should_not_describe_an_object_again_when_the_ledger_has_its_image() throws Exception {
        app = app().start();
        byte[] image = TestImages.jpeg(320, 200, Color.ORANGE);
        s3.put(BUCKET, "incoming/first.jpg", image);
        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/first.jpg"));
        s3.put(BUCKET, "incoming/again/copy of first.jpg", image);
        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/again/copy of first.jpg"));

        assertThat(app.progress().describedCount()).isEqualTo(1);
        assertThat(app.progress().skippedCount()).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(1);
        JsonNode again = JSON.readTree(s3.getString(BUCKET, "captions/again/copy of first.jpg.local.json"));
        assertThat(again.path("source").asText()).isEqualTo("s3://photos/incoming/again/copy of first.jpg");
        assertThat(again.path("imageSha256").asText()).isEqualTo(sha256(image));

        // across a restart too: the ledger is in the database, not in memory
        app.stop();
        app = app().start();
        s3.put(BUCKET, "incoming/third.jpg", image);
        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/third.jpg"));
        assertThat(app.progress().describedCount()).isZero();
        assertThat(app.progress().skippedCount()).isEqualTo(1);
    }

    @Test
    void should_keep_hostile_keys_inside_the_prefixes_and_the_outbox() throws Exception {
        app = app().start();
        String deep = String.join("/", java.util.Collections.nCopies(5, "d".repeat(170))); // ~860 bytes below the prefix
        Map<String, String> names = new LinkedHashMap<>();
        names.put("with spaces/my photo.jpg", "with spaces/my photo.jpg");
        names.put("ünïcödé/фото 📷.jpg", "ünïcödé/фото 📷.jpg");
        names.put(deep + "/long.jpg", deep + "/long.jpg");
        names.put("100% real.jpg", "100% real.jpg"); // S3Proxy cannot store keys with ./ or b/../ segments; SafePathTest covers them
        names.put("${camelContext.stop()}.jpg", "${camelContext.stop()}.jpg");
        names.put("semi;colon?&x=1#frag.jpg", "semi;colon?&x=1#frag.jpg");
        int seed = 1;
        for (String name : names.keySet()) {
            s3.put(BUCKET, "incoming/" + name, TestImages.uniqueJpeg(seed++, 32, 32));
        }
        // S3Proxy resolves ../ in a key itself (AWS keeps it literally): this object lands outside the prefix and must stay
        // untouched there; how such keys are named when a server keeps them is covered by S3ItemsTest and S3SinkTest
        s3.put(BUCKET, "incoming/../escape.jpg", TestImages.uniqueJpeg(99, 32, 32));
        assertThat(s3.keys(BUCKET, "")).contains("escape.jpg");

        await().atMost(WAIT).until(() -> app.progress().doneCount() == names.size());
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.context().getStatus()).isEqualTo(ServiceStatus.Started); // ${...} in a key is a name, never an expression
        await().atMost(WAIT).until(() -> s3.keys(BUCKET, "incoming/").isEmpty());

        List<String> keys = s3.keys(BUCKET, "");
        assertThat(keys).allMatch(k -> k.startsWith("done/") || k.startsWith("captions/") || k.equals("escape.jpg"),
                "inside done/ or captions/");
        assertThat(keys).contains("escape.jpg");
        assertThat(keys).allMatch(k -> k.getBytes(StandardCharsets.UTF_8).length <= S3Keys.MAX_KEY_BYTES);
        assertThat(keys.stream().filter(k -> k.startsWith("captions/"))).hasSize(names.size())
                .allMatch(k -> k.endsWith(".local.json"))
                .noneMatch(k -> k.contains("/../") || k.contains("/./"));
        for (String name : names.keySet()) {
            assertThat(s3.exists(BUCKET, "done/" + name)).as("done/" + name).isTrue();
        }
        for (String safe : names.values()) {
            String sidecar = "captions/" + sidecarPath(safe) + ".local.json";
            assertThat(s3.exists(BUCKET, sidecar)).as(sidecar).isTrue();
            assertThat(JSON.readTree(s3.getString(BUCKET, sidecar)).path("source").asText()).startsWith("s3://photos/incoming/");
        }
        assertThat(app.outbox.resolve("with spaces/my photo.jpg.local.json")).exists();
        assertThat(app.outbox.resolve("ünïcödé/фото 📷.jpg.local.json")).exists();
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::normalize)
                    .filter(p -> !p.startsWith(app.outbox) && !p.startsWith(tmp.resolve("data"))).toList()).isEmpty();
        }
        try (Stream<Path> sidecars = Files.walk(app.outbox)) {
            assertThat(sidecars.filter(p -> p.toString().endsWith(".local.json")).count()).isEqualTo(names.size());
        }
    }

    @Test
    void should_tag_the_source_object_with_the_result_keeping_its_own_tags() throws Exception {
        app = app().with("relay.sink.s3.tag-source", "true").start();
        // S3Proxy cannot tag: the sink's tagging calls go to an in-memory store around the real client
        InMemoryObjectTags tagStore = new InMemoryObjectTags();
        S3Client real = app.context().getRegistry().lookupByNameAndType(S3Beans.CLIENT, S3Client.class);
        app.context().getRegistry().bind(S3Beans.CLIENT, S3Client.class, tagStore.wrap(real));
        Map<String, String> own = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            own.put("team-" + i, "value " + i);
        }
        tagStore.put(BUCKET, "incoming/crowded.jpg", own);
        tagStore.put(BUCKET, "incoming/plain.jpg", Map.of("owner", "ann@example.com", "caption-caption", "stale, from before"));
        s3.put(BUCKET, "incoming/crowded.jpg", TestImages.jpeg(200, 100, Color.RED));
        s3.put(BUCKET, "incoming/plain.jpg", TestImages.jpeg(100, 200, Color.GREEN));

        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/crowded.jpg") && s3.exists(BUCKET, "done/plain.jpg"));
        Map<String, String> crowded = tagStore.get(BUCKET, "incoming/crowded.jpg");
        assertThat(crowded).hasSize(10).containsAllEntriesOf(own).containsKeys("caption-title", "caption-tags")
                .doesNotContainKey("caption-provider"); // no room left: the last field gives way, never your tags
        assertThat(crowded.get("caption-title")).containsIgnoringCase("landscape");
        assertThat(crowded.get("caption-tags")).contains("red").contains(" / ");

        Map<String, String> plain = tagStore.get(BUCKET, "incoming/plain.jpg");
        assertThat(plain).containsEntry("owner", "ann@example.com").containsEntry("caption-provider", "local")
                .containsKeys("caption-title", "caption-tags").doesNotContainKey("caption-caption").hasSize(4);
        assertThat(plain.get("caption-title")).containsIgnoringCase("portrait");
        assertThat(plain.values()).allMatch(v -> v.length() <= S3ObjectTags.MAX_VALUE_CHARS);
        assertThat(s3.exists(BUCKET, "captions/plain.jpg.local.json")).isTrue();
    }

    private String reasonOf(String key) throws Exception {
        return JSON.readTree(s3.getString(BUCKET, key)).path("reason").asText();
    }

    /** What the sidecar key below captions/ is for a safe path: the same shortening as the outbox (180-byte segments). */
    private static String sidecarPath(String safePath) {
        return io.captionrelay.model.SafePath.of(safePath);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void should_write_the_xmp_sidecar_and_the_embedded_copy_beside_the_json_result() throws Exception {
        app = app().with("relay.sink.s3.write-back", "xmp-sidecar,embedded-copy").start();
        byte[] image = TestImages.jpeg(160, 120, Color.BLUE);
        s3.put(BUCKET, "incoming/trip/beach.jpg", image);

        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/trip/beach.jpg"));

        JsonNode result = JSON.readTree(s3.get(BUCKET, "captions/trip/beach.jpg.local.json"));
        XMPMeta sidecar = XMPMetaFactory.parseFromBuffer(s3.get(BUCKET, "captions/trip/beach.jpg.xmp"));
        assertThat(sidecar.getLocalizedText(XMPConst.NS_DC, "title", "", "x-default").getValue())
                .isEqualTo(result.path("title").asText());
        assertThat(sidecar.getPropertyString("https://captionrelay.io/ns/1.0/", "imageSha256"))
                .isEqualTo(result.path("imageSha256").asText());
        byte[] copy = s3.get(BUCKET, "captions/trip/beach.jpg");
        var iptc = ImageMetadataReader.readMetadata(new java.io.ByteArrayInputStream(copy))
                .getFirstDirectoryOfType(IptcDirectory.class);
        assertThat(iptc.getString(IptcDirectory.TAG_OBJECT_NAME)).isEqualTo(result.path("title").asText());
        assertThat(iptc.getStringArray(IptcDirectory.TAG_KEYWORDS)).hasSize(result.path("tags").size());
        assertThat(s3.get(BUCKET, "done/trip/beach.jpg")).as("the original, byte for byte").isEqualTo(image);
    }
}
