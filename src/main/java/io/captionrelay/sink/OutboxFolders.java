package io.captionrelay.sink;

import io.captionrelay.inbox.RealFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/**
 * The file sink's folders: before a sidecar is written, its folder under the outbox is made of real
 * folders only (a link or a file on the way fails the write with that reason, instead of writing
 * through it); after the write, successful or not, no {@code .part-} file is left behind.
 */
public final class OutboxFolders {

    /** The file sink's temporary prefix ({@code tempPrefix} in {@code routes/sink-file.camel.yaml}). */
    public static final String PART_PREFIX = ".part-";

    private final Path outbox;

    public OutboxFolders(Path outbox) {
        this.outbox = outbox.toAbsolutePath().normalize();
    }

    /**
     * Creates (or checks) the folder of the sidecar ({@code CamelFileName}, relative to the outbox), and names
     * its temporary file after the sidecar: the file producer's {@code tempPrefix} goes before
     * {@code CamelFileNameOnly}, which otherwise still holds the source image's name (too long for a 250-byte
     * name with the prefix, and shared by the sidecars of every provider task).
     */
    public void prepare(Exchange exchange) throws IOException {
        Path sidecar = Path.of(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
        RealFolders.ensure(outbox, sidecar.getParent());
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, sidecar.getFileName().toString());
    }

    /** Deletes the sidecar's temporary file, left when the write failed (a full disk); none is there after a success. */
    public void removePart(@org.apache.camel.Header(Exchange.FILE_NAME) String fileName) throws IOException {
        Path target = outbox.resolve(fileName);
        Files.deleteIfExists(target.resolveSibling(PART_PREFIX + target.getFileName()));
    }
}
