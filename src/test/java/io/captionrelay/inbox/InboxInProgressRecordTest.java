package io.captionrelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.cluster.InProgressNames;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop folder keeps nothing per image once the image is done: the file consumer's record of the files in
 * progress and its read lock's record forget each (Camel's default kept an entry per file ever taken), and its
 * polls go through the in-progress limit.
 */
class InboxInProgressRecordTest {

    private static final int IMAGES = 12;

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_forget_every_file_once_it_is_done() throws Exception {
        app = new RelayApp(tmp).with("relay.sinks", "file");
        for (int i = 0; i < IMAGES; i++) {
            Path image = app.inbox.resolve("set/i" + i + ".jpg");
            Files.createDirectories(image.getParent());
            Files.write(image, TestImages.uniqueJpeg(i, 24, 24));
        }
        app.start();
        GenericFileEndpoint<?> inbox = (GenericFileEndpoint<?>) app.context().getRoute("source-drop-folder").getEndpoint();
        assertThat(inbox.getPollStrategy()).isSameAs(app.context().getRegistry().lookupByName("inProgressPolls"));
        assertThat(inbox.getInProgressRepository()).isSameAs(app.context().getRegistry().lookupByName(DropFolderBeans.IN_PROGRESS));

        await().atMost(Duration.ofSeconds(60)).until(() -> app.progress().describedCount() == IMAGES);

        await().atMost(Duration.ofSeconds(10)).until(() -> ((InProgressNames) inbox.getInProgressRepository()).size() == 0);
        // the read lock's record too (one instance): a name only while its file is in progress, never an LRU cache
        assertThat(inbox.getIdempotentRepository()).isInstanceOf(InProgressNames.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> ((InProgressNames) inbox.getIdempotentRepository()).size() == 0);
        assertThat(tmp.resolve("inbox/.done/set")).isDirectoryContaining("glob:**/i11.jpg");
    }
}
