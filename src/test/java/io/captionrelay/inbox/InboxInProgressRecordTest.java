package io.captionrelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.testing.RelayApp;
import java.nio.file.Path;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file consumer's record of the files in progress is sized to the in-progress limit: Camel's default (50,000
 * names, and twice that many past entries kept before its LRU compacts) grows with the batch.
 */
class InboxInProgressRecordTest {

    @TempDir
    Path tmp;

    private RelayApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void should_keep_the_files_in_progress_in_a_record_sized_to_the_in_progress_limit() throws Exception {
        app = new RelayApp(tmp).with("relay.pipeline.max-in-progress", "200").start();

        GenericFileEndpoint<?> inbox = (GenericFileEndpoint<?>) app.context().getRoute("source-drop-folder").getEndpoint();

        assertThat(inbox.getInProgressRepository()).isInstanceOf(MemoryIdempotentRepository.class)
                .isSameAs(app.context().getRegistry().lookupByName(DropFolderBeans.IN_PROGRESS));
        assertThat(((MemoryIdempotentRepository) inbox.getInProgressRepository()).getMaxCacheSize()).isEqualTo(1_600);
        assertThat(inbox.getPollStrategy()).isSameAs(app.context().getRegistry().lookupByName("inProgressPolls"));
    }
}
