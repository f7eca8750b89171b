package io.captionrelay.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.pipeline.ArchiveNames;
import io.captionrelay.pipeline.FailureRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * Places images and their reason records in the inbox's areas ({@code .done}, {@code .failed},
 * {@code .pending}) and back into the inbox, never overwriting anything and never through a link:
 * every folder on the way is checked to be a real folder (created when missing), and each name is
 * chosen free (see {@link ArchiveNames}) and held until the move has had time to happen. The drop-folder
 * route uses it for its {@code move}, {@code moveFailed} and pending {@code move} expressions.
 */
public final class InboxArchive {

    /** Exchange property: where the failed item goes, relative to the inbox, chosen with its record. */
    public static final String ARCHIVE_PATH = RelayHeaders.ARCHIVE_PATH;
    public static final String DONE = ".done";
    private static final long HOLD_MS = 10 * 60_000;

    private final Path inbox;
    private final ObjectMapper mapper;
    private final Map<Path, Long> held = new HashMap<>();

    public InboxArchive(Path inbox, ObjectMapper mapper) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.mapper = mapper;
    }

    /** {@code move} expression on success: {@code .done/<a free name for the image>}. */
    public String done(Exchange exchange) throws IOException {
        return relative(choose(DONE, fileName(exchange), null));
    }

    /**
     * Error handler step, after {@link FailureRecords#describeFailure}: chooses the image's free name in its
     * area and writes the record (the body) beside it, under the name that follows the image's.
     */
    public void placeRecord(Exchange exchange) throws IOException {
        placeRecordIn(exchange, exchange.getProperty(FailureRecords.AREA, FailureRecords.FAILED, String.class),
                exchange.getMessage().getBody(String.class));
    }

    /** The same for a record made outside the error handler (an image given up as stuck): {@code record} goes in {@code area}. */
    public void placeRecordIn(Exchange exchange, String area, String record) throws IOException {
        String suffix = FailureRecords.recordSuffix(area);
        Path image = choose(area, fileName(exchange), suffix);
        write(image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), suffix)), record);
        exchange.setProperty(ARCHIVE_PATH, relative(image));
    }

    /** {@code moveFailed} expression: the name {@link #placeRecord} chose (or a free one in {@code .failed}). */
    public String aside(Exchange exchange) throws IOException {
        String chosen = exchange.getProperty(ARCHIVE_PATH, String.class);
        return chosen != null ? chosen : relative(choose(FailureRecords.FAILED, fileName(exchange), ".error.json"));
    }

    /** {@code move} expression of the pending area's consumer: a free name back in the inbox, relative to {@code .pending}. */
    public String back(Exchange exchange) throws IOException {
        return "../" + relative(choose("", fileName(exchange), null));
    }

    /**
     * Moves a refused entry itself (a rename: a link is not followed, a pipe not opened) into {@code .failed}
     * with its reason record. Throws when no safe place exists; then nothing has moved.
     */
    public void refuse(Path entry, String reason) throws IOException {
        Path absolute = entry.toAbsolutePath().normalize();
        String relative = inbox.relativize(absolute).toString();
        Path target = choose(FailureRecords.FAILED, relative, ".error.json");
        Files.move(absolute, target, LinkOption.NOFOLLOW_LINKS); // without REPLACE_EXISTING: never overwrites
        ObjectNode record = mapper.createObjectNode();
        record.put("source", "file:" + relative);
        record.put("errorClass", ErrorClass.BAD_INPUT.label());
        record.put("reason", reason);
        record.put("time", Instant.now().toString());
        write(target.resolveSibling(ArchiveNames.record(target.getFileName().toString(), ".error.json")),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(record));
    }

    /** A free path for {@code relative} under {@code area}, whose record (when {@code suffix} is given) is free too. */
    private synchronized Path choose(String area, String relative, String suffix) throws IOException {
        long now = System.currentTimeMillis();
        held.values().removeIf(since -> now - since > HOLD_MS);
        Path folder = RealFolders.ensure(inbox, Path.of(area.isEmpty() ? relative : area + "/" + relative).getParent());
        String name = Path.of(relative).getFileName().toString();
        for (int n = 1; ; n++) {
            Path image = folder.resolve(ArchiveNames.numbered(name, n));
            if (free(image) && (suffix == null || free(image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), suffix))))) {
                held.put(image, now);
                return image;
            }
        }
    }

    private boolean free(Path path) {
        return !held.containsKey(path) && !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Writes {@code text} under a temporary name, then renames it to {@code target}, which must not exist. */
    private static void write(Path target, String text) throws IOException {
        Path part = target.resolveSibling(".part-" + UUID.randomUUID());
        Files.write(part, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            Files.move(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private String relative(Path chosen) {
        return inbox.relativize(chosen).toString();
    }

    private static String fileName(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
    }
}
