package io.captionrelay.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where quota buckets live: in this process, or in a database shared by every instance. */
public interface BucketStore {

    /** The bucket of that name, created with {@code configuration} when it does not exist yet. */
    Bucket bucket(String name, BucketConfiguration configuration);
}
