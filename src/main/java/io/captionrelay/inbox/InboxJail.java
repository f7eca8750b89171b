package io.captionrelay.inbox;

import io.captionrelay.failure.RelayException;
import java.io.File;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The drop folder's {@code filter}: Camel asks it about every file and folder it lists, before any
 * read lock, and takes only what {@link InboxRules} takes: regular files with a listed extension
 * inside real folders. Links, pipes, devices and sockets are neither taken nor descended into (the
 * refusal sweep, {@link InboxRefusals}, moves them aside with their reasons). {@link #recheck} (called by
 * the pipeline's intake) looks again just before the file is read, to narrow the window in which an entry
 * could be swapped.
 */
public final class InboxJail implements GenericFileFilter<File> {

    private final Path inbox;
    private final InboxRules rules;

    public InboxJail(Path inbox, InboxRules rules) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.rules = rules;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path entry = file.getFile().toPath().toAbsolutePath().normalize();
        InboxRules.Action action = rules.judge(entry, EntryKind.of(entry)).action();
        return (action == InboxRules.Action.TAKE || action == InboxRules.Action.DESCEND) && insideRealFolders(entry);
    }

    /**
     * Just before an image from the inbox is read (after it may have waited for a place in the pipeline): fails
     * it unless it is still a regular file inside real folders of the inbox. Items from elsewhere pass.
     */
    public void recheck(Exchange exchange) throws RelayException {
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        Path entry = path == null ? null : Path.of(path).toAbsolutePath().normalize();
        if (entry == null || !entry.startsWith(inbox)) {
            return;
        }
        EntryKind kind = EntryKind.of(entry);
        if (kind == EntryKind.MISSING) {
            throw RelayException.badInput("the file disappeared before it could be read");
        }
        if (kind != EntryKind.REGULAR_FILE) {
            throw RelayException.badInput(kind.refusal());
        }
        if (!insideRealFolders(entry)) {
            throw RelayException.badInput("not inside the inbox: a folder on its way is not a real folder");
        }
    }

    private boolean insideRealFolders(Path entry) {
        if (!entry.startsWith(inbox) || entry.equals(inbox)) {
            return false;
        }
        for (Path folder = entry.getParent(); !folder.equals(inbox); folder = folder.getParent()) {
            if (EntryKind.of(folder) != EntryKind.DIRECTORY) {
                return false;
            }
        }
        return true;
    }
}
