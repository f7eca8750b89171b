package io.captionrelay.inbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure a folder under a trusted root (the inbox, the outbox) is reached through real folders
 * only (the root itself may be a link the user configured): each step is created when missing, and one that is a link, a file or a special file stops
 * everything, so nothing is ever placed outside the root through it.
 */
public final class RealFolders {

    private RealFolders() {
    }

    /** {@code root/relativeFolder}, every step of it a real folder (created when missing). */
    public static Path ensure(Path root, Path relativeFolder) throws IOException {
        Path folder = root;
        if (!Files.isDirectory(root)) { // the configured root itself may be a link (a mounted volume): the user chose it
            ensureOne(root, root);
        }
        if (relativeFolder == null) {
            return folder;
        }
        for (Path segment : relativeFolder) {
            folder = folder.resolve(segment.toString());
            ensureOne(root, folder);
        }
        return folder;
    }

    private static void ensureOne(Path root, Path folder) throws IOException {
        EntryKind kind = EntryKind.of(folder);
        if (kind == EntryKind.MISSING) {
            try {
                if (folder.equals(root)) {
                    Files.createDirectories(folder);
                } else {
                    Files.createDirectory(folder);
                }
            } catch (FileAlreadyExistsException raced) {
                // checked below
            }
            kind = EntryKind.of(folder);
        }
        if (kind != EntryKind.DIRECTORY) {
            throw new IOException(folder + " is not a directory but " + kind.words() + "; nothing is placed through it");
        }
    }
}
