package io.captionrelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every accepted name has its own sidecar, record and archive path; nothing archived is ever overwritten. */
class ArchiveNamingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_give_names_that_collide_after_sanitising_a_sidecar_each() throws Exception {
        List<String> names = List.of("ab.jpg", "a:b.jpg", "a::b.jpg", ":ab.jpg", "ab:.jpg", "a\u0001b.jpg", "a\u0002b.jpg",
                "a\tb.jpg", "a\u001bb.jpg", "a\u007fb.jpg", "a\rb.jpg", "a\nb.jpg");
        app = new RelayApp(tmp).start();
        int seed = 10;
        for (String name : names) {
            Files.write(app.inbox.resolve(name), TestImages.uniqueJpeg(seed++, 48, 48));
        }

        await().atMost(WAIT).until(() -> app.progress().doneCount() == names.size());

        assertThat(app.progress().failedCount()).isZero();
        List<Path> sidecars = files(app.outbox, ".local.json");
        assertThat(sidecars).hasSize(names.size());
        Set<String> sources = new HashSet<>();
        for (Path sidecar : sidecars) {
            sources.add(JSON.readTree(sidecar.toFile()).path("source").asText());
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(names.stream().map(n -> "file:" + n).toList());
        assertThat(app.outbox.resolve("ab.jpg.local.json")).exists(); // a name that needs no change keeps it
        for (String name : names) {
            assertThat(app.inbox.resolve(".done").resolve(name)).exists();
        }
    }

    @Test
    void should_keep_every_original_when_a_name_comes_back() throws Exception {
        app = new RelayApp(tmp).start();
        byte[] first = TestImages.uniqueJpeg(20, 64, 64);
        byte[] second = TestImages.uniqueJpeg(21, 64, 64);
        byte[] third = TestImages.uniqueJpeg(22, 64, 64);
        drop("trip/a.jpg", first);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/trip/a.jpg")));
        drop("trip/a.jpg", second);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/trip/a (2).jpg")));
        drop("trip/a.jpg", third);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/trip/a (3).jpg")));

        assertThat(app.inbox.resolve(".done/trip/a.jpg")).hasBinaryContent(first);
        assertThat(app.inbox.resolve(".done/trip/a (2).jpg")).hasBinaryContent(second);
        assertThat(app.inbox.resolve(".done/trip/a (3).jpg")).hasBinaryContent(third);

        byte[] text = "not a picture".getBytes(StandardCharsets.UTF_8);
        byte[] otherText = "not a picture either".getBytes(StandardCharsets.UTF_8);
        drop("bad.jpg", text);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/bad.jpg.error.json")));
        drop("bad.jpg", otherText);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/bad (2).jpg.error.json")));

        assertThat(app.inbox.resolve(".failed/bad.jpg")).hasBinaryContent(text);
        assertThat(app.inbox.resolve(".failed/bad (2).jpg")).hasBinaryContent(otherText);
        JsonNode record = JSON.readTree(app.inbox.resolve(".failed/bad (2).jpg.error.json").toFile());
        assertThat(record.path("source").asText()).isEqualTo("file:bad.jpg");
    }

    @Test
    void should_describe_or_refuse_names_of_255_bytes() throws Exception {
        String good = "g".repeat(251) + ".jpg";
        String bad = "b".repeat(251) + ".jpg";
        String goodAgain = "é".repeat(125) + "x.jpg"; // 255 bytes, 130 characters
        assertThat(good.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(goodAgain.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        app = new RelayApp(tmp).start();
        drop(good, TestImages.uniqueJpeg(30, 48, 48));
        drop(goodAgain, TestImages.uniqueJpeg(31, 48, 48));
        drop(bad, "not a picture".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done").resolve(good))
                && Files.exists(app.inbox.resolve(".done").resolve(goodAgain))
                && Files.exists(app.inbox.resolve(".failed").resolve(bad)));

        assertThat(files(app.outbox, ".local.json")).hasSize(2);
        List<Path> records = files(app.inbox.resolve(".failed"), ".error.json");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(JSON.readTree(records.get(0).toFile()).path("source").asText()).isEqualTo("file:" + bad);

        drop(good, TestImages.uniqueJpeg(32, 48, 48)); // the same long name again: kept beside, shortened to fit
        await().atMost(WAIT).until(() -> files(app.inbox.resolve(".done"), " (2).jpg").size() == 1);
        assertThat(files(app.inbox.resolve(".done"), ".jpg")).hasSize(3);
    }

    private void drop(String relative, byte[] bytes) throws IOException {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private static List<Path> files(Path folder, String ending) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new ArrayList<>();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(ending)).toList();
        }
    }
}
