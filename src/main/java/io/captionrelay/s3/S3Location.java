package io.captionrelay.s3;

import java.util.Optional;

/**
 * An object in a bucket, written as CaptionRelay writes sources: {@code s3://bucket/key}. The key is
 * kept exactly as S3 has it (spaces, unicode, {@code ../} and all): a bucket name never contains
 * {@code /}, so everything after the first slash is the key.
 */
public record S3Location(String bucket, String key) {

    static final String SCHEME = "s3://";

    public S3Location {
        if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
            throw new IllegalArgumentException("not a bucket name: " + bucket);
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an S3 object needs a key");
        }
    }

    /** The location a {@code s3://bucket/key} source names; empty for other sources ({@code file:...}). */
    public static Optional<S3Location> parse(String source) {
        if (source == null || !source.startsWith(SCHEME)) {
            return Optional.empty();
        }
        int slash = source.indexOf('/', SCHEME.length());
        if (slash <= SCHEME.length() || slash == source.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(source.substring(SCHEME.length(), slash), source.substring(slash + 1)));
    }

    public static boolean isS3(String source) {
        return parse(source).isPresent();
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
