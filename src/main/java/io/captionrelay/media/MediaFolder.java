package io.captionrelay.media;

import io.captionrelay.image.PreparedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder media links are served from. Files are named by {@link MediaName} only, written
 * atomically, and deleted by {@link #deleteOlderThan} once past retention.
 */
public final class MediaFolder {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFolder.class);
    private static final String PARTIAL_PREFIX = ".partial-";

    private final Path dir;

    public MediaFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes the image under its name. Storing the same bytes again rewrites the file, which also
     * renews its age so the cleanup does not remove it under a fresh link.
     */
    public MediaName store(MediaName name, PreparedImage image) throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, PARTIAL_PREFIX, ".tmp");
        try {
            Files.write(partial, image.bytes());
            Files.move(partial, dir.resolve(name.fileName()),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return name;
    }

    /** The stored bytes, or empty when no such file is (still) there. */
    public Optional<byte[]> read(MediaName name) throws IOException {
        Path file = dir.resolve(name.fileName());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException deletedMeanwhile) {
            return Optional.empty();
        }
    }

    /** Deletes media files (and leftovers of interrupted writes) last written before {@code cutoff}. */
    public int deleteOlderThan(Instant cutoff) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (MediaName.parse(fileName).isEmpty() && !fileName.startsWith(PARTIAL_PREFIX)) {
                    continue;
                }
                if (isRegularFileOlderThan(file, cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            LOG.info("Deleted {} media file(s) past retention from {}", deleted, dir);
        }
        return deleted;
    }

    private static boolean isRegularFileOlderThan(Path file, Instant cutoff) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff);
        } catch (NoSuchFileException deletedMeanwhile) {
            return false;
        }
    }
}
