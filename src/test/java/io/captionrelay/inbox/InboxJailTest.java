package io.captionrelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.Shell;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox is a jail: links, special files and names Camel cannot address are refused with a reason, and nothing outside is touched. */
class InboxJailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_refuse_a_link_to_a_file_outside_and_leave_that_file_as_it_was() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(outside.resolve("secret.jpg"), TestImages.uniqueJpeg(1, 64, 64));
        Map<String, byte[]> before = contents(outside);
        app = new RelayApp(tmp).start();
        Files.createSymbolicLink(app.inbox.resolve("photo.jpg"), outside.resolve("secret.jpg"));
        Files.write(app.inbox.resolve("after.jpg"), TestImages.uniqueJpeg(2, 64, 64));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/photo.jpg.error.json"))
                && Files.exists(app.inbox.resolve(".done/after.jpg")));

        assertThat(Files.isSymbolicLink(app.inbox.resolve(".failed/photo.jpg"))).isTrue(); // the link itself moved aside
        assertThat(reason(".failed/photo.jpg")).isEqualTo("not a regular file: a symbolic link");
        assertThat(record(".failed/photo.jpg").path("source").asText()).isEqualTo("file:photo.jpg");
        assertSameContents(outside, before);
        assertThat(app.outbox.resolve("photo.jpg.local.json")).doesNotExist();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1); // after.jpg only
    }

    @Test
    void should_refuse_a_link_to_a_folder_outside_without_looking_inside() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside/album"));
        Files.write(outside.resolve("a.jpg"), TestImages.uniqueJpeg(3, 64, 64));
        Files.write(outside.resolve("b.png"), TestImages.uniqueJpeg(4, 64, 64));
        Map<String, byte[]> before = contents(tmp.resolve("outside"));
        app = new RelayApp(tmp).start();
        Files.createDirectories(app.inbox.resolve("trip"));
        Files.createSymbolicLink(app.inbox.resolve("trip/album"), outside);
        Files.write(app.inbox.resolve("trip/real.jpg"), TestImages.uniqueJpeg(5, 64, 64));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/trip/album.error.json"))
                && Files.exists(app.inbox.resolve(".done/trip/real.jpg")));

        assertThat(Files.isSymbolicLink(app.inbox.resolve(".failed/trip/album"))).isTrue();
        assertThat(reason(".failed/trip/album")).isEqualTo("not a regular file: a symbolic link");
        assertSameContents(tmp.resolve("outside"), before); // nothing moved out, no .camelLock created
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1);
    }

    @Test
    void should_refuse_a_named_pipe_a_device_and_a_link_to_a_device_and_keep_going() throws Exception {
        app = new RelayApp(tmp).start();
        Shell.run("mkfifo \"$1\"", app.inbox.resolve("pipe.jpg").toString());
        Shell.run("mknod \"$1\" c 1 3", app.inbox.resolve("null.jpg").toString()); // like /dev/null
        Files.createSymbolicLink(app.inbox.resolve("zero.jpg"), Path.of("/dev/zero"));
        Files.write(app.inbox.resolve("good.jpg"), TestImages.uniqueJpeg(6, 64, 64));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/pipe.jpg.error.json"))
                && Files.exists(app.inbox.resolve(".failed/zero.jpg.error.json"))
                && Files.exists(app.inbox.resolve(".failed/null.jpg.error.json"))
                && Files.exists(app.inbox.resolve(".done/good.jpg")));

        assertThat(reason(".failed/pipe.jpg")).isEqualTo("not a regular file: a named pipe");
        assertThat(reason(".failed/zero.jpg")).isEqualTo("not a regular file: a symbolic link");
        assertThat(reason(".failed/null.jpg")).isEqualTo("not a regular file: a character device");
        assertThat(EntryKind.of(app.inbox.resolve(".failed/pipe.jpg"))).isEqualTo(EntryKind.NAMED_PIPE);
        await().atMost(WAIT).until(() -> app.progress().failedCount() == 3);
    }

    @Test
    void should_refuse_formats_not_supported_yet_and_the_extensions_the_user_lists() throws Exception {
        app = new RelayApp(tmp).with("relay.inbox.refused-extensions", "heic,heif,avif,jxl").start();
        for (String name : new String[] {"phone.heic", "burst.HEIF", "web.avif", "new.jxl"}) {
            Files.write(app.inbox.resolve(name), "ftypheic".getBytes());
        }
        Files.write(app.inbox.resolve("notes.txt"), "left alone".getBytes());

        for (String name : new String[] {"phone.heic", "burst.HEIF", "web.avif", "new.jxl"}) {
            await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/" + name + ".error.json")));
            assertThat(app.inbox.resolve(".failed/" + name)).exists();
            assertThat(record(".failed/" + name).path("errorClass").asText()).isEqualTo("bad-input");
        }
        assertThat(reason(".failed/phone.heic")).startsWith("format not supported yet: HEIC");
        assertThat(reason(".failed/new.jxl")).startsWith("format not supported yet: JXL");
        assertThat(app.inbox.resolve("notes.txt")).exists();
    }

    @Test
    void should_refuse_a_name_with_a_backslash_with_a_record() throws Exception {
        app = new RelayApp(tmp).start();
        Files.write(app.inbox.resolve("trip\\beach.jpg"), TestImages.uniqueJpeg(7, 64, 64));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/trip\\beach.jpg.error.json")));

        assertThat(app.inbox.resolve(".failed/trip\\beach.jpg")).exists();
        assertThat(reason(".failed/trip\\beach.jpg")).contains("backslash");
        assertThat(record(".failed/trip\\beach.jpg").path("source").asText()).isEqualTo("file:trip\\beach.jpg");
    }

    @Test
    void should_refuse_a_name_that_is_not_utf8_with_a_record() throws Exception {
        app = new RelayApp(tmp).start();
        // "caf\351.jpg": Latin-1 é, one byte that is not valid UTF-8
        Shell.run("printf 'not read' > \"$1/$(printf 'caf\\351.jpg')\"", app.inbox.toString());

        await().atMost(WAIT).until(() -> failedRecords().size() == 1);

        JsonNode record = failedRecords().values().iterator().next();
        assertThat(record.path("reason").asText()).contains("not valid UTF-8");
        assertThat(record.path("source").asText()).startsWith("file:caf").endsWith(".jpg");
        try (Stream<Path> left = Files.list(app.inbox)) {
            assertThat(left.filter(p -> !p.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    @Test
    void should_report_once_an_entry_it_cannot_move_aside_safely_and_touch_nothing_outside() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Map<String, byte[]> before = contents(outside);
        Files.createDirectories(tmp.resolve("inbox"));
        Files.createSymbolicLink(tmp.resolve("inbox/.failed"), outside); // a trap: records would land outside
        app = new RelayApp(tmp).start();
        Files.createSymbolicLink(app.inbox.resolve("x.jpg"), Path.of("/etc/hostname"));

        try (var log = new io.captionrelay.testing.LogRecorder(InboxRefusals.class.getName())) {
            await().atMost(WAIT).until(() -> log.contains("Refused file:x.jpg", "no reason record can be placed safely"));
            Files.write(app.inbox.resolve("good.jpg"), TestImages.uniqueJpeg(8, 64, 64));
            await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/good.jpg")));
            assertThat(log.lines().stream().filter(l -> l.contains("Refused file:x.jpg")).count()).isEqualTo(1);
        }
        assertThat(Files.isSymbolicLink(app.inbox.resolve("x.jpg"))).isTrue();
        assertSameContents(outside, before);
    }

    private JsonNode record(String image) throws IOException {
        return JSON.readTree(app.inbox.resolve(image + ".error.json").toFile());
    }

    private String reason(String image) throws IOException {
        return record(image).path("reason").asText();
    }

    private Map<Path, JsonNode> failedRecords() throws IOException {
        Map<Path, JsonNode> records = new TreeMap<>();
        Path failed = app.inbox.resolve(".failed");
        if (!Files.isDirectory(failed)) {
            return records;
        }
        try (Stream<Path> files = Files.list(failed)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".error.json")).toList()) {
                records.put(p, JSON.readTree(p.toFile()));
            }
        }
        return records;
    }

    /** Every entry under {@code folder} (links not followed) with its bytes; folders map to an empty array. */
    static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path p : entries.toList()) {
                all.put(folder.relativize(p).toString(),
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return all;
    }

    static void assertSameContents(Path folder, Map<String, byte[]> before) throws IOException {
        Map<String, byte[]> after = contents(folder);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }
}
