package io.captionrelay.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.areas.PendingReturn;
import io.captionrelay.cluster.InProgressNames;
import io.captionrelay.cluster.SharedDatabase;
import io.captionrelay.settings.Settings;
import io.captionrelay.pipeline.PipelineProgress;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.camel.spi.Registry;

/** Makes the drop folder's beans, under the names {@code routes/drop-folder.camel.yaml} uses. */
public final class DropFolderBeans {

    public static final String SCAN = "inboxScan";
    public static final String JAIL = "inboxJail";
    public static final String ARCHIVE = "inboxArchive";
    public static final String REFUSALS = "inboxRefusals";
    public static final String PENDING_RETURN = "inboxPendingReturn";
    public static final String IN_PROGRESS = "inboxInProgress";

    private final Registry registry;
    private final Settings settings;
    private final Path inbox;
    private final InboxScan scan;
    private final InboxArchive archive;
    private final InboxJail jail;

    /** @param goesBack which pending images go back into the inbox, given their reason record (see {@link PendingReturn}) */
    public DropFolderBeans(Registry registry, Settings settings, ObjectMapper mapper, Predicate<Supplier<byte[]>> goesBack) {
        this.registry = registry;
        this.settings = settings;
        this.inbox = Path.of(settings.string("relay.inbox.dir"));
        InboxRules rules = new InboxRules(settings.string("relay.inbox.extensions"),
                settings.stringOrEmpty("relay.inbox.refused-extensions"));
        this.scan = new InboxScan(inbox, rules);
        this.archive = new InboxArchive(inbox, rules, mapper, SharedDatabase.isShared(settings));
        registry.bind(SCAN, scan);
        this.jail = new InboxJail(inbox, rules);
        registry.bind(JAIL, jail);
        registry.bind(ARCHIVE, archive);
        registry.bind(PENDING_RETURN, new PendingReturn(archive, goesBack));
        // the file consumer's record of the files it is working on, which never outgrows them (see InProgressNames)
        registry.bind(IN_PROGRESS, new InProgressNames());
    }

    public InboxScan scan() {
        return scan;
    }

    /** Chooses the never-overwriting names in the inbox's areas and writes reason records there. */
    public InboxArchive archive() {
        return archive;
    }

    /** The check just before an inbox image is read. */
    public InboxJail jail() {
        return jail;
    }

    /**
     * The refusal sweep counts each refused entry as failed in {@code progress}; while {@code busy} (images in
     * progress) it walks the inbox at most every {@code relay.inbox.busy-sweep-interval} ms.
     */
    public void sweepInto(PipelineProgress progress, java.util.function.BooleanSupplier busy) {
        registry.bind(REFUSALS, new InboxRefusals(inbox, scan, archive, progress, settings.longValue("relay.inbox.min-age"),
                busy, settings.longValue("relay.inbox.busy-sweep-interval")));
    }
}
