package io.captionrelay.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.areas.Area;
import io.captionrelay.areas.ItemAreas;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.pipeline.ArchiveNames;
import io.captionrelay.pipeline.FailureRecords;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * The drop folder's item areas: places images and their reason records in the inbox's {@code .done},
 * {@code .failed} and {@code .pending} folders and back into the inbox, never overwriting anything and
 * never through a link: every folder on the way is checked to be a real folder (created when missing),
 * and each name is chosen free (see {@link ArchiveNames}) and held until the move has had time to happen.
 * The drop-folder route uses it for its {@code move} and {@code moveFailed} expressions (the file consumer
 * makes those moves, which acknowledge the image) and its error handling; pending images come back
 * through {@link io.captionrelay.areas.PendingReturn}.
 */
public final class InboxArchive implements ItemAreas {

    /** Exchange property: where the failed item goes, relative to the inbox, chosen with its record. */
    public static final String ARCHIVE_PATH = RelayHeaders.ARCHIVE_PATH;
    public static final String DONE = ".done";
    private static final long HOLD_MS = 10 * 60_000;
    /** A held name whose file has been there this long is let go: so the holds never outgrow the images in progress. */
    private static final long SETTLED_MS = 1_000;

    private final Path inbox;
    private final InboxRules rules;
    private final ObjectMapper mapper;
    private final boolean shared;
    private final Map<Path, Long> held = new HashMap<>();
    /** Places {@link #putAside} chose, by item, until the consumer's {@code moveFailed} ({@link #aside}) takes them. */
    private final Map<String, String> placed = new ConcurrentHashMap<>();

    /** @param rules which entries of the pending area are images (the inbox's own rules) */
    public InboxArchive(Path inbox, InboxRules rules, ObjectMapper mapper) {
        this(inbox, rules, mapper, false);
    }

    /**
     * @param shared true when other processes share the inbox (docs/scaling-out.md): the names the file consumer moves
     *               images to are then reserved on disk, not only in this process
     */
    public InboxArchive(Path inbox, InboxRules rules, ObjectMapper mapper, boolean shared) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.rules = rules;
        this.mapper = mapper;
        this.shared = shared;
    }

    /** {@code move} expression on success: {@code .done/<a free name for the image>}. */
    public String done(Exchange exchange) throws IOException {
        return done(fileName(exchange));
    }

    @Override
    public String done(String item) throws IOException {
        return relative(choose(DONE, item, null, true));
    }

    /**
     * Error handler step, after {@link FailureRecords#describeFailure}: {@link #putAside} for the image,
     * the record being the body; the file consumer's {@code moveFailed} ({@link #aside}) then moves it there.
     */
    public void placeRecord(Exchange exchange) throws IOException {
        placeRecordIn(exchange, exchange.getProperty(FailureRecords.AREA, FailureRecords.FAILED, String.class),
                exchange.getMessage().getBody(String.class));
    }

    /** The same for a record made outside the error handler (an image given up as stuck): {@code record} goes in {@code area}. */
    public void placeRecordIn(Exchange exchange, String area, String record) throws IOException {
        exchange.setProperty(ARCHIVE_PATH, putAside(fileName(exchange), Area.of(area), record));
    }

    /** Chooses the image's free name in its area and writes the record beside it, under the name that follows the image's. */
    @Override
    public String putAside(String item, Area area, String record) throws IOException {
        Path image = choose(area.label(), item, area.recordSuffix(), true);
        write(image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), area.recordSuffix())), record);
        placed.put(item, relative(image));
        return relative(image);
    }

    /** Images in {@code .pending} (sub-folders included; links, special files, records and hidden names are not). */
    @Override
    public List<String> pending() throws IOException {
        return PendingWalk.images(inbox.resolve(Area.PENDING.label()), rules);
    }

    @Override
    public Optional<byte[]> pendingRecord(String item) throws IOException {
        Path record = pendingRecordOf(inbox.resolve(Area.PENDING.label()).resolve(item));
        return EntryKind.of(record) == EntryKind.REGULAR_FILE ? Optional.of(Files.readAllBytes(record)) : Optional.empty();
    }

    /** Moves the pending image back into the inbox under a free name (a rename, never overwriting), then drops its record. */
    @Override
    public void bringBack(String item) throws IOException {
        Path image = inbox.resolve(Area.PENDING.label()).resolve(item);
        Files.move(image, choose("", item, null, false), LinkOption.NOFOLLOW_LINKS);
        Files.deleteIfExists(pendingRecordOf(image));
    }

    @Override
    public void forgetStalePending(String item) throws IOException {
        Path waiting = inbox.resolve(Area.PENDING.label()).resolve(item);
        if (!Files.exists(waiting, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(pendingRecordOf(waiting));
        }
    }

    /**
     * Drop folder, once an image completed (after the consumer's move to done): {@link #forgetStalePending} for
     * the name it was consumed under.
     */
    public void forgetStalePending(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_CONSUMED, String.class);
        if (name != null) {
            forgetStalePending(name);
        }
    }

    private static Path pendingRecordOf(Path image) {
        return image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), Area.PENDING.recordSuffix()));
    }

    /**
     * {@code moveFailed} expression: the name {@link #placeRecord} chose, or the one {@link #putAside} chose for this
     * image (batch mode giving up on a stuck one), or else a free one in {@code .failed}.
     */
    public String aside(Exchange exchange) throws IOException {
        String item = fileName(exchange);
        String chosen = placed.remove(item);
        chosen = exchange.getProperty(ARCHIVE_PATH, chosen, String.class);
        return chosen != null ? chosen : relative(choose(Area.FAILED.label(), item, Area.FAILED.recordSuffix(), true));
    }

    /**
     * Moves a refused entry itself (a rename: a link is not followed, a pipe not opened) into {@code .failed}
     * with its reason record. Throws when no safe place exists; then nothing has moved.
     */
    public void refuse(Path entry, String reason) throws IOException {
        Path absolute = entry.toAbsolutePath().normalize();
        String relative = inbox.relativize(absolute).toString();
        Path target = choose(Area.FAILED.label(), relative, Area.FAILED.recordSuffix(), false);
        Files.move(absolute, target, LinkOption.NOFOLLOW_LINKS); // without REPLACE_EXISTING: never overwrites
        ObjectNode record = mapper.createObjectNode();
        record.put("source", "file:" + relative);
        record.put("errorClass", ErrorClass.BAD_INPUT.label());
        record.put("reason", reason);
        record.put("time", Instant.now().toString());
        write(target.resolveSibling(ArchiveNames.record(target.getFileName().toString(), Area.FAILED.recordSuffix())),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(record));
    }

    /**
     * A free path for {@code relative} under {@code area}, whose record (when {@code suffix} is given) is free too.
     * With {@code reserve} and a shared inbox, the name is taken by creating an empty file under it (an atomic create,
     * which fails when another process took the name first), so instances sharing the inbox never choose the same name;
     * the file consumer's move then replaces that placeholder with the image. Otherwise the name is held in this
     * process only (moves made here never replace, and one instance alone needs no more).
     */
    private synchronized Path choose(String area, String relative, String suffix, boolean reserve) throws IOException {
        long now = System.currentTimeMillis();
        // a name stays held until its file is there (then the file itself keeps it taken), at most HOLD_MS
        held.entrySet().removeIf(entry -> now - entry.getValue() > HOLD_MS
                || (now - entry.getValue() > SETTLED_MS && Files.exists(entry.getKey(), LinkOption.NOFOLLOW_LINKS)));
        Path folder = RealFolders.ensure(inbox, Path.of(area.isEmpty() ? relative : area + "/" + relative).getParent());
        String name = Path.of(relative).getFileName().toString();
        for (int n = 1; ; n++) {
            Path image = folder.resolve(ArchiveNames.numbered(name, n));
            if (free(image) && (suffix == null || free(image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), suffix))))
                    && (!reserve || !shared || reserved(image))) {
                held.put(image, now);
                return image;
            }
        }
    }

    /** Creates the empty placeholder that reserves {@code image}; false when another process has just taken the name. */
    private static boolean reserved(Path image) throws IOException {
        try {
            Files.createFile(image);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
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
