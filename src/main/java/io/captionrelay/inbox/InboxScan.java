package io.captionrelay.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks the drop folder with the same rules as its source ({@link InboxRules}): sub-folders included,
 * never a linked folder, hidden names skipped. Counts the images still waiting (for progress lines,
 * and so batch mode knows when the inbox is done) and lists the entries to refuse. Only {@code lstat}:
 * nothing is opened.
 */
public final class InboxScan {

    /** An entry the drop folder refuses, with its reason. */
    public record Refusal(Path entry, BasicFileAttributes attrs, String reason) {
    }

    private final Path inbox;
    private final InboxRules rules;
    private final Set<Path> unplaceable = ConcurrentHashMap.newKeySet();

    public InboxScan(Path inbox, InboxRules rules) {
        this.inbox = inbox;
        this.rules = rules;
    }

    /** Images waiting, plus refused entries not yet moved aside (those that cannot be are reported, not waited for). */
    public long waiting() {
        long[] count = new long[1];
        walk(image -> count[0]++, refusal -> {
            if (!unplaceable.contains(refusal.entry())) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** The entries to refuse, as found now. */
    public List<Refusal> refusals() {
        List<Refusal> found = new ArrayList<>();
        walk(image -> { }, found::add);
        return found;
    }

    /** Marks a refused entry that could not be moved aside; true the first time (so it is reported once). */
    boolean unplaceable(Path entry) {
        return unplaceable.add(entry);
    }

    private void walk(java.util.function.Consumer<Path> images, java.util.function.Consumer<Refusal> refused) {
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try {
            Files.walkFileTree(inbox, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(inbox) ? FileVisitResult.CONTINUE : visit(dir, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return visit(file, attrs); // walkFileTree does not follow links: attrs are the link's own
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // moved away while we looked
                }

                private FileVisitResult visit(Path entry, BasicFileAttributes attrs) {
                    InboxRules.Verdict verdict = rules.judge(entry, EntryKind.of(entry, attrs));
                    switch (verdict.action()) {
                        case TAKE -> images.accept(entry);
                        case REFUSE -> refused.accept(new Refusal(entry, attrs, verdict.reason()));
                        default -> { }
                    }
                    return verdict.action() == InboxRules.Action.DESCEND ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
