package io.captionrelay.inbox;

import io.captionrelay.pipeline.ArchiveNames;
import io.captionrelay.provider.PendingRefeed;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The drop folder's pending consumer's filter: sub-folders are walked, links and pipes are never followed or
 * opened, and an image goes back when {@link PendingRefeed} wants it back, asked with its {@code .pending.json}
 * record.
 */
public final class PendingFileFilter implements GenericFileFilter<File> {

    private final PendingRefeed refeed;

    public PendingFileFilter(PendingRefeed refeed) {
        this.refeed = refeed;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path image = file.getFile().toPath();
        EntryKind kind = EntryKind.of(image); // a link or a pipe here is never followed or opened
        if (kind != EntryKind.REGULAR_FILE) {
            return kind == EntryKind.DIRECTORY;
        }
        return refeed.wantsBack(() -> {
            try {
                return Files.readAllBytes(image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), ".pending.json")));
            } catch (IOException missingOrUnreadable) {
                return null;
            }
        });
    }
}
