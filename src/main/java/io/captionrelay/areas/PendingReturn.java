package io.captionrelay.areas;

import java.io.IOException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for pending items, for every source: at each look at the pending area, an item goes back
 * into its source when {@code goesBack} says so for its reason record (read only when asked, see
 * {@code provider.PendingRefeed}: its provider is no longer stopped, or its probe fell due). The others stay.
 */
public final class PendingReturn {

    private static final Logger LOG = LoggerFactory.getLogger(PendingReturn.class);

    private final ItemAreas areas;
    private final Predicate<Supplier<byte[]>> goesBack;

    public PendingReturn(ItemAreas areas, Predicate<Supplier<byte[]>> goesBack) {
        this.areas = areas;
        this.goesBack = goesBack;
    }

    /** One look at the pending area (a timer in the source's route calls it); returns how many items went back. */
    public int look() throws IOException {
        int back = 0;
        for (String item : areas.pending()) {
            if (goesBack.test(() -> record(item))) {
                try {
                    areas.bringBack(item);
                    back++;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Pending {} could not go back yet: {}", item, e.toString()); // tried again at the next look
                }
            }
        }
        return back;
    }

    private byte[] record(String item) {
        try {
            return areas.pendingRecord(item).orElse(null);
        } catch (IOException unreadable) {
            return null; // read as a record naming no provider: the item goes back
        }
    }
}
