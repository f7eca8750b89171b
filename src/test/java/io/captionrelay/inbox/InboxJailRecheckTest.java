package io.captionrelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.pipeline.ImageClaims;
import io.captionrelay.pipeline.Intake;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake looks at an inbox image once more just before reading it: one swapped for a link meanwhile is never read. */
class InboxJailRecheckTest {

    @TempDir
    Path tmp;

    private final AtomicBoolean read = new AtomicBoolean();

    @Test
    void should_fail_an_image_swapped_for_a_link_before_reading_it() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path outside = Files.write(tmp.resolve("outside.jpg"), TestImages.uniqueJpeg(1, 16, 16));
        Files.createSymbolicLink(inbox.resolve("a.jpg"), outside); // taken as a regular file, swapped while it waited

        assertThatThrownBy(() -> intake(inbox).process(exchange(inbox.resolve("a.jpg"))))
                .isInstanceOf(RelayException.class).hasMessage("not a regular file: a symbolic link");
        assertThat(read).isFalse();
    }

    @Test
    void should_fail_an_image_whose_folder_became_a_link() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.write(elsewhere.resolve("a.jpg"), TestImages.uniqueJpeg(2, 16, 16));
        Files.createSymbolicLink(inbox.resolve("trip"), elsewhere);

        assertThatThrownBy(() -> intake(inbox).process(exchange(inbox.resolve("trip/a.jpg"))))
                .isInstanceOf(RelayException.class).hasMessageContaining("not a real folder");
        assertThat(read).isFalse();
    }

    @Test
    void should_read_a_regular_file_and_leave_items_from_elsewhere_alone() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.createDirectories(inbox.resolve("trip"));
        Path image = Files.write(inbox.resolve("trip/a.jpg"), TestImages.uniqueJpeg(3, 16, 16));
        intake(inbox).process(exchange(image));
        assertThat(read).isTrue();

        read.set(false);
        Exchange fromS3 = exchange(null);
        intake(inbox).process(fromS3);
        assertThat(read).isTrue();
    }

    private static Intake intake(Path inbox) {
        InboxJail jail = new InboxJail(inbox, new InboxRules("jpg", ""));
        return new Intake(new ImageInspector(1_000_000, 10_000_000), new ImageClaims(), new PipelineProgress(() -> 0), 1_000_000,
                jail::recheck);
    }

    private Exchange exchange(Path file) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (file != null) {
            exchange.getMessage().setHeader(Exchange.FILE_PATH, file.toString());
        }
        byte[] bytes = TestImages.uniqueJpeg(9, 16, 16);
        exchange.getMessage().setBody(new InputStream() { // records whether the intake read the item
            private final ByteArrayInputStream in = new ByteArrayInputStream(bytes);

            @Override
            public int read() {
                InboxJailRecheckTest.this.read.set(true);
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                InboxJailRecheckTest.this.read.set(true);
                return in.read(b, off, len);
            }
        });
        return exchange;
    }
}
