package io.captionrelay.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * One instance's record of the items it is working on, for a consumer's {@code inProgressRepository} or a read lock's
 * {@code idempotentRepository} (the one-instance counterpart of {@link LeaseRepository}): a plain set, each name
 * removed when its item is done, so it never holds more names than items in progress. Camel's
 * {@code MemoryIdempotentRepository} (on its {@code SimpleLRUCache}) keeps an entry in its change queue for every
 * name ever added, removed or not, until the cache is full: with names removed as items finish, that is never, so
 * the queue grows with the batch, and compacting it took about a third of the pipeline's CPU per image.
 */
public final class InProgressNames extends ServiceSupport implements IdempotentRepository {

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    @Override
    public boolean add(String key) {
        return names.add(key);
    }

    @Override
    public boolean contains(String key) {
        return names.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return names.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        names.clear();
    }

    /** Names in progress now. */
    public int size() {
        return names.size();
    }
}
