package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.Shell;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the outbox cannot take a sidecar, the failure record says why, and no temporary file is left. */
class FileSinkFailuresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private RelayApp app;
    private Path mounted;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (mounted != null) {
            Shell.run("umount \"$1\"", mounted.toString());
        }
    }

    @Test
    void should_name_a_full_disk_and_leave_no_part_file() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        // a real, small file system (the tests run as root, here and in CI), then filled to the last byte
        Shell.run("mount -t tmpfs -o size=64k,nr_inodes=64 captionrelay-test \"$1\"", outbox.toString());
        mounted = outbox;
        fill(outbox.resolve("filler"));
        app = sinkRetriesOnce(new RelayApp(tmp)).start();
        Files.write(app.inbox.resolve("photo.jpg"), TestImages.uniqueJpeg(40, 64, 64));

        Path record = app.inbox.resolve(".failed/photo.jpg.error.json");
        await().atMost(WAIT).until(() -> Files.exists(record));

        String reason = JSON.readTree(record.toFile()).path("reason").asText();
        assertThat(reason).startsWith("sink 'file' did not accept the result").containsIgnoringCase("no space left on device");
        assertThat(app.inbox.resolve(".failed/photo.jpg")).exists();
        try (Stream<Path> left = Files.list(outbox)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("filler");
        }
    }

    @Test
    void should_name_an_outbox_that_is_not_a_directory() throws Exception {
        Files.write(tmp.resolve("outbox"), "a file where the outbox should be".getBytes());
        app = sinkRetriesOnce(new RelayApp(tmp)).start();
        Files.createDirectories(app.inbox.resolve("trip"));
        Files.write(app.inbox.resolve("trip/photo.jpg"), TestImages.uniqueJpeg(41, 64, 64));

        Path record = app.inbox.resolve(".failed/trip/photo.jpg.error.json");
        await().atMost(WAIT).until(() -> Files.exists(record));

        String reason = JSON.readTree(record.toFile()).path("reason").asText();
        assertThat(reason).startsWith("sink 'file' did not accept the result").contains("outbox is not a directory");
        assertThat(tmp.resolve("outbox")).hasContent("a file where the outbox should be");
    }

    private static RelayApp sinkRetriesOnce(RelayApp app) {
        return app.with("relay.sinks", "file").with("relay.sink.retry.max-retries", "1")
                .with("relay.sink.retry.initial-delay", "10");
    }

    /** Writes until the file system says it is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }
}
