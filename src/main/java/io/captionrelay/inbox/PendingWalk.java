package io.captionrelay.inbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Lists the images of a pending area the way the inbox would take them: sub-folders included, links never followed. */
final class PendingWalk {

    private PendingWalk() {
    }

    /** Paths relative to {@code root} of the entries {@code rules} would take (no links, special files, records or hidden names). */
    static List<String> images(Path root, InboxRules rules) throws IOException {
        List<String> images = new ArrayList<>();
        if (EntryKind.of(root) != EntryKind.DIRECTORY) {
            return images;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() { // links are not followed
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(root) || rules.judge(dir, EntryKind.DIRECTORY).action() == InboxRules.Action.DESCEND
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (rules.judge(file, EntryKind.of(file, attrs)).action() == InboxRules.Action.TAKE) {
                    images.add(root.relativize(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException gone) {
                return FileVisitResult.CONTINUE;
            }
        });
        return images;
    }
}
