package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropFolderPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_delete_a_pending_record_left_from_an_earlier_wait_once_the_image_completes() throws Exception {
        Path stale = tmp.resolve("inbox/.pending/trip/waited.jpg.pending.json");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "{\"errorClass\":\"auth\",\"reason\":\"openai is stopped (key refused)\"}");
        Path keep = tmp.resolve("inbox/.pending/trip/other.jpg.pending.json");
        Files.writeString(keep, "{\"errorClass\":\"auth\"}");
        app = new RelayApp(tmp).start();

        Path staged = tmp.resolve("staged-waited.jpg");
        Files.write(staged, TestImages.uniqueJpeg(11, 50, 40));
        Files.createDirectories(app.inbox.resolve("trip"));
        Files.move(staged, app.inbox.resolve("trip/waited.jpg")); // moved back by hand, without its record

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".done/trip/waited.jpg")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(stale));
        assertThat(keep).exists(); // another image's record stays
    }

    @Test
    void should_describe_a_dropped_image_into_a_sidecar_and_a_row_then_move_it_to_done() throws Exception {
        app = new RelayApp(tmp).start();
        byte[] image = TestImages.jpeg(640, 480, Color.BLUE);
        drop("trip/beach.jpg", image);

        Path sidecar = app.outbox.resolve("trip/beach.jpg.local.json");
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/trip/beach.jpg")));

        JsonNode result = JSON.readTree(sidecar.toFile());
        assertThat(result.path("imageSha256").asText()).isEqualTo(sha256(image));
        assertThat(result.path("source").asText()).isEqualTo("file:trip/beach.jpg");
        assertThat(result.path("provider").asText()).isEqualTo("local");
        assertThat(result.path("operation").asText()).isEqualTo("describe");
        assertThat(result.path("title").asText()).containsIgnoringCase("landscape");
        assertThat(result.path("tags").toString()).contains("blue");
        assertThat(result.path("createdAt").asText()).isNotEmpty();
        assertThat(Files.exists(app.inbox.resolve("trip/beach.jpg"))).isFalse();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE image_sha256 = '" + sha256(image)
                + "' AND source = 'file:trip/beach.jpg' AND title IS NOT NULL")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(1);
        assertThat(noHalfWrittenFiles(app.outbox)).isTrue();
        // sidecars are indented for people; the ledger keeps one compact line per result
        assertThat(Files.readString(sidecar)).contains("\n  \"provider\" : \"local\"");
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger WHERE POSITION(CHAR(10) IN result_json) > 0")).isZero();
    }

    @Test
    void should_move_each_bad_input_to_failed_with_a_reason_and_keep_going() throws Exception {
        app = new RelayApp(tmp).with("relay.image.max-bytes", "200000").start();
        byte[] good = TestImages.png(50, 50, Color.GREEN);
        byte[] jpeg = TestImages.jpeg(400, 300, Color.RED);
        byte[] corrupt = jpeg.clone();
        for (int i = 20; i < corrupt.length - 2; i++) { // after SOI and the APP0 segment
            corrupt[i] = (byte) ((i * 31) % 255); // never 0xFF: no marker where the JPEG needs one
        }
        drop("empty.jpg", new byte[0]);
        drop("notes.jpg", "this is a text file, not a picture".getBytes());
        drop("document.png", "%PDF-1.7 not an image".getBytes());
        drop("cut.jpg", TestImages.cut(jpeg, 0.6));
        drop("corrupt.jpg", corrupt);
        drop("huge.png", TestImages.noisyPng(400, 400));
        drop("bomb.png", TestImages.pngHeaderOnly(100_000, 100_000));

        for (String name : List.of("empty.jpg", "notes.jpg", "document.png", "cut.jpg", "corrupt.jpg", "huge.png", "bomb.png")) {
            Path record = app.inbox.resolve(".failed/" + name + ".error.json");
            await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/" + name)) && Files.exists(record));
            JsonNode reason = JSON.readTree(record.toFile());
            assertThat(reason.path("errorClass").asText()).as(name).isEqualTo("bad-input");
            assertThat(reason.path("source").asText()).isEqualTo("file:" + name);
            assertThat(reason.path("reason").asText()).as(name).isNotBlank();
            assertThat(reason.path("time").asText()).isNotBlank();
        }
        assertThat(reasonOf("empty.jpg")).contains("empty");
        assertThat(reasonOf("notes.jpg")).contains("not an image");
        assertThat(reasonOf("cut.jpg")).contains("truncated");
        assertThat(reasonOf("corrupt.jpg")).contains("corrupt");
        assertThat(reasonOf("huge.png")).contains("limit");
        assertThat(reasonOf("bomb.png")).contains("megapixels");

        drop("after.png", good);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/after.png")));
        assertThat(app.outbox.resolve("after.png.local.json")).exists();
        assertThat(app.progress().failedCount()).isEqualTo(7);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1);
    }

    @Test
    void should_describe_the_same_image_once_even_under_two_names() throws Exception {
        app = new RelayApp(tmp).start();
        byte[] image = TestImages.jpeg(320, 200, Color.ORANGE);
        drop("first.jpg", image);
        drop("copy of first.jpg", image);

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/first.jpg"))
                && Files.exists(app.inbox.resolve(".done/copy of first.jpg")));
        assertThat(app.progress().describedCount()).isEqualTo(1);
        assertThat(app.progress().skippedCount()).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1);
        assertThat(app.outbox.resolve("first.jpg.local.json")).exists();
        assertThat(app.outbox.resolve("copy of first.jpg.local.json")).exists();
    }

    @Test
    void should_describe_an_image_again_when_forced() throws Exception {
        app = new RelayApp(tmp).with("relay.force", "true").start();
        byte[] image = TestImages.jpeg(64, 64, Color.CYAN);
        drop("one.jpg", image);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/one.jpg")));
        drop("two.jpg", image);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/two.jpg")));
        assertThat(app.progress().describedCount()).isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1);
    }

    @Test
    void should_delete_the_source_when_configured_to() throws Exception {
        app = new RelayApp(tmp).with("relay.inbox.on-success", "delete=true").start();
        drop("gone.jpg", TestImages.jpeg(64, 64, Color.PINK));
        await().atMost(WAIT).until(() -> Files.exists(app.outbox.resolve("gone.jpg.local.json")));
        await().atMost(WAIT).until(() -> !Files.exists(app.inbox.resolve("gone.jpg")));
        assertThat(app.inbox.resolve(".done/gone.jpg")).doesNotExist();
    }

    @Test
    void should_read_a_slowly_written_file_only_once_it_is_complete() throws Exception {
        app = new RelayApp(tmp).with("relay.inbox.min-age", "1500").start();
        byte[] image = TestImages.jpeg(1200, 900, Color.MAGENTA);
        Path target = app.inbox.resolve("slow.jpg");
        int chunks = 8;
        int size = image.length / chunks + 1;
        // A slow writer: 8 chunks, one every 400 ms, appended to the file in the inbox.
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger written = new AtomicInteger();
        try {
            for (int i = 0; i < chunks; i++) {
                int from = i * size;
                int length = Math.min(size, image.length - from);
                writer.schedule(() -> {
                    Files.write(target, java.util.Arrays.copyOfRange(image, from, from + length),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    return written.incrementAndGet();
                }, 400L * i, TimeUnit.MILLISECONDS);
            }
            await().atMost(WAIT).until(() -> written.get() == chunks);
        } finally {
            writer.shutdown();
        }
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/slow.jpg")));
        JsonNode result = JSON.readTree(app.outbox.resolve("slow.jpg.local.json").toFile());
        assertThat(result.path("imageSha256").asText()).isEqualTo(sha256(image));
        assertThat(app.inbox.resolve(".failed")).doesNotExist();
        assertThat(app.progress().failedCount()).isZero();
    }

    @Test
    void should_keep_hostile_file_names_inside_inbox_and_outbox() throws Exception {
        app = new RelayApp(tmp).start();
        String longName = "l".repeat(240) + ".jpg";
        List<String> names = List.of("with spaces/my photo.jpg", "ünïcödé/фото 📷.jpg", longName, "a..b.jpg",
                "dots../x..y.jpg");
        int seed = 1;
        for (String name : names) {
            drop(name, TestImages.uniqueJpeg(seed++, 32, 32));
        }
        await().atMost(WAIT).until(() -> app.progress().doneCount() == names.size());
        assertThat(app.progress().failedCount()).isZero();
        try (Stream<Path> files = Files.walk(tmp)) {
            List<Path> outside = files.filter(Files::isRegularFile)
                    .filter(p -> !p.normalize().startsWith(app.inbox) && !p.normalize().startsWith(app.outbox)
                            && !p.normalize().startsWith(tmp.resolve("data")))
                    .toList();
            assertThat(outside).isEmpty();
        }
        try (Stream<Path> sidecars = Files.walk(app.outbox)) {
            assertThat(sidecars.filter(p -> p.toString().endsWith(".local.json")).count()).isEqualTo(names.size());
        }
        assertThat(app.outbox.resolve("with spaces/my photo.jpg.local.json")).exists();
        assertThat(app.outbox.resolve("ünïcödé/фото 📷.jpg.local.json")).exists();
        // the file consumer moves an image to .done once its exchange has completed, just after it is counted done
        await().atMost(WAIT).untilAsserted(() -> {
            for (String name : names) {
                assertThat(app.inbox.resolve(".done").resolve(name)).exists();
            }
        });
    }

    @Test
    void should_describe_every_image_exactly_once_across_a_restart_in_the_middle_of_a_batch() throws Exception {
        int total = 200;
        for (int i = 0; i < total; i++) {
            drop(String.format("batch/img-%03d.jpg", i), TestImages.uniqueJpeg(i, 96, 64));
        }
        app = new RelayApp(tmp).start();
        await().atMost(WAIT).until(() -> app.progress().doneCount() >= 40);
        PipelineProgress firstRun = app.progress();
        app.stop();
        long describedFirst = firstRun.describedCount();
        assertThat(firstRun.failedCount()).isZero();
        assertThat(describedFirst).isBetween(40L, (long) total);

        app = new RelayApp(tmp).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> countFiles(app.inbox.resolve(".done/batch")) == total);
        assertThat(describedFirst + app.progress().describedCount()).isEqualTo(total);
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(total);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(total);
        assertThat(countFiles(app.outbox.resolve("batch"))).isEqualTo(total);
        assertThat(countFiles(app.inbox.resolve("batch"))).isZero();
    }

    private void drop(String relative, byte[] bytes) throws IOException {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private String reasonOf(String name) throws IOException {
        return JSON.readTree(app.inbox.resolve(".failed/" + name + ".error.json").toFile()).path("reason").asText();
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static boolean noHalfWrittenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.noneMatch(p -> p.getFileName().toString().startsWith(".part-"));
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
