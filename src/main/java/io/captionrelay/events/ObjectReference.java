package io.captionrelay.events;

import io.captionrelay.failure.RelayException;

/**
 * What an event message names: an object in a bucket, or a file below the file root
 * ({@code relay.events.file-root}). Exactly one of {@code bucket}/{@code key} and {@code file} is set.
 */
public record ObjectReference(String bucket, String key, String file) {

    public static ObjectReference object(String bucket, String key) throws RelayException {
        if (bucket == null || bucket.isBlank() || key == null || key.isEmpty()) {
            throw RelayException.badInput("an object reference needs a bucket and a key");
        }
        return new ObjectReference(bucket, key, null);
    }

    public static ObjectReference file(String file) throws RelayException {
        if (file == null || file.isBlank()) {
            throw RelayException.badInput("a file reference needs a path");
        }
        return new ObjectReference(null, null, file);
    }

    public boolean isFile() {
        return file != null;
    }

    /** {@code s3://bucket/key} or {@code file:path}, the item's source as records and sinks show it. */
    @Override
    public String toString() {
        return isFile() ? "file:" + file : "s3://" + bucket + "/" + key;
    }
}
