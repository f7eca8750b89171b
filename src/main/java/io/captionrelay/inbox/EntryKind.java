package io.captionrelay.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a folder entry is, read from the entry itself and never from what a link points to: one
 * {@code lstat}, no open. Names the kinds that are not regular files, for reason records.
 */
public enum EntryKind {
    REGULAR_FILE("a regular file"),
    DIRECTORY("a folder"),
    SYMBOLIC_LINK("a symbolic link"),
    NAMED_PIPE("a named pipe"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    OTHER("a special file"),
    MISSING("gone");

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private final String words;

    EntryKind(String words) {
        this.words = words;
    }

    /** The reason a refused entry gets, e.g. {@code not a regular file: a named pipe}. */
    public String refusal() {
        return "not a regular file: " + words;
    }

    /** The kind in words, e.g. {@code a symbolic link}. */
    public String words() {
        return words;
    }

    public static EntryKind of(Path entry) {
        try {
            return of(entry, Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException gone) {
            return MISSING;
        }
    }

    public static EntryKind of(Path entry, BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return SYMBOLIC_LINK;
        }
        if (attrs.isDirectory()) {
            return DIRECTORY;
        }
        if (attrs.isRegularFile()) {
            return REGULAR_FILE;
        }
        return special(entry);
    }

    private static EntryKind special(Path entry) {
        try {
            int type = (Integer) Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            return switch (type) {
                case S_IFIFO -> NAMED_PIPE;
                case S_IFCHR -> CHARACTER_DEVICE;
                case S_IFBLK -> BLOCK_DEVICE;
                case S_IFSOCK -> SOCKET;
                default -> OTHER;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OTHER;
        }
    }
}
