package io.captionrelay.observe;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap as the JVM really held it, from its garbage collections: the peak is the most the heap pools held
 * together just before a collection (the sum of each pool's own peak overstates it: the pools peak at different
 * times), and the live heap the most they held just after one. Watches from the moment it is made.
 */
public final class HeapPeak {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(pool -> pool.getName()).collect(Collectors.toSet());
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();

    public HeapPeak() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                        peakBeforeGc.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
                        peakAfterGc.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
                    }
                }, null, null);
            }
        }
    }

    /** The most the heap held at once: before any collection so far, or now. */
    public long peakBytes() {
        return Math.max(peakBeforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The most the heap held just after a collection (live objects and what the collection left). */
    public long peakAfterGcBytes() {
        return peakAfterGc.get();
    }

    private long heap(Map<String, MemoryUsage> byPool) {
        return byPool.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }
}
