package io.captionrelay.areas;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A source's areas for items that left it: done, failed and pending. One implementation per source
 * (the drop folder's {@code .done}, {@code .failed}, {@code .pending} folders; a bucket's prefixes).
 *
 * <p>Items are named by their path below the source's root (inbox folder or watched prefix). The
 * source's own consumer acknowledges an item by moving it (to done on success; for the drop folder also
 * to the place {@link #putAside} chose): nothing leaves the source before every sink has the result.
 */
public interface ItemAreas {

    /**
     * Puts a failed item aside in {@code area} with its reason record beside it, never overwriting
     * anything. Returns where the item goes, relative to the source's root. An implementation whose
     * consumer makes the final move (the drop folder) only chooses and holds that place and writes the record.
     */
    String putAside(String item, Area area, String record) throws IOException;

    /** Where a completed item goes in the done area, relative to the source's root (the consumer moves it there). */
    String done(String item) throws IOException;

    /** The items waiting in the pending area, by their path below it (reason records are not items). */
    List<String> pending() throws IOException;

    /** A pending item's reason record, if it has one. */
    Optional<byte[]> pendingRecord(String item) throws IOException;

    /** Brings a pending item back into the source (under a free name) and deletes its record. */
    void bringBack(String item) throws IOException;

    /**
     * Once an item completed: deletes a pending record left from an earlier wait of it (put back by hand,
     * or dropped again), unless an item of that name still waits in the pending area.
     */
    void forgetStalePending(String item) throws IOException;
}
