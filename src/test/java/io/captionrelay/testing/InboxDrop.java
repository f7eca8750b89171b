package io.captionrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Drops an image into an inbox the way a careful user does: written beside it, then renamed in, so it never appears half-written. */
public final class InboxDrop {

    private static final AtomicLong NEXT = new AtomicLong();

    private InboxDrop() {
    }

    /** Puts {@code bytes} at {@code relative} below {@code inbox} (folders created), staged in a sibling folder first. */
    public static Path put(Path inbox, String relative, byte[] bytes) {
        try {
            Path staged = inbox.toAbsolutePath().getParent().resolve("staging").resolve("drop-" + NEXT.incrementAndGet());
            Files.createDirectories(staged.getParent());
            Files.write(staged, bytes);
            Path target = inbox.resolve(relative);
            Files.createDirectories(target.getParent());
            return Files.move(staged, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
