package io.captionrelay.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Counts the images still waiting in the drop folder, with the same rules as the drop-folder
 * source: sub-folders included, names and folders starting with a dot skipped, only the configured
 * extensions. Feeds progress lines and tells batch mode when the inbox is empty.
 */
public final class InboxScan {

    private final Path inbox;
    private final Set<String> extensions;

    public InboxScan(Path inbox, String commaSeparatedExtensions) {
        this.inbox = inbox;
        this.extensions = Arrays.stream(commaSeparatedExtensions.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public long waiting() {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        AtomicLong count = new AtomicLong();
        try {
            Files.walkFileTree(inbox, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(inbox) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file) && accepted(file)) {
                        count.incrementAndGet();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // moved away while we looked
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count.get();
    }

    private boolean accepted(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
