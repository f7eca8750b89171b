package io.captionrelay.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Buckets in this process only: right when one instance uses a key. */
public final class LocalBucketStore implements BucketStore {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Bucket bucket(String name, BucketConfiguration configuration) {
        return buckets.computeIfAbsent(name, n -> build(configuration));
    }

    private static Bucket build(BucketConfiguration configuration) {
        var builder = Bucket.builder();
        for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }
}
