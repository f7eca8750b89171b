package io.captionrelay.inbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The file consumer's record of the inbox files it is working on: a plain set, each name removed when its file is
 * done, so it never holds more names than files in progress. Camel's default (a {@code MemoryIdempotentRepository}
 * on its {@code SimpleLRUCache}) keeps an entry in its change queue for every name ever added, removed or not,
 * until the cache is full: with names removed as files finish, that is never, and the queue grows with the batch.
 */
final class InboxInProgress extends ServiceSupport implements IdempotentRepository {

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
    int size() {
        return names.size();
    }
}
