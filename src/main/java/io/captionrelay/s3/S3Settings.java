package io.captionrelay.s3;

import io.captionrelay.settings.Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code relay.s3.*} keys (connection and bucket source) and {@code relay.sink.s3.*} keys
 * (write-back sink), read once and checked, so a layout that would lose or re-read objects fails at
 * start with a sentence instead of at the first image.
 *
 * <p>Prefixes are normalised to end with {@code /}. The done, failed, pending and staging prefixes and
 * the sink's prefix (when it writes to the source bucket) must lie outside the source prefix:
 * the source lists everything under its prefix, so an area inside it would be read again as new work.
 */
public record S3Settings(
        boolean enabled,
        String bucket,
        String prefix,
        boolean moveToDone,
        String donePrefix,
        String failedPrefix,
        String pendingPrefix,
        String stagingPrefix,
        Optional<URI> endpoint,
        Optional<URI> publicEndpoint,
        String region,
        boolean pathStyle,
        Optional<String> accessKey,
        Optional<String> secretKey,
        String sinkBucket,
        String sinkPrefix,
        String sinkSuffix,
        boolean tagSource,
        String tagPrefix,
        List<String> tagFields) {

    /** Characters allowed in a configured prefix: also safe as the regular expression camel-aws2-s3 makes of the source prefix. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** The record's text without the secret key (beans holding these settings may be logged). */
    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint.map(URI::toString).orElse("aws")
                + ", region=" + region + ", accessKey=" + accessKey.map(k -> "set").orElse("default chain")
                + ", secretKey=" + secretKey.map(k -> "***").orElse("default chain") + "]";
    }

    public static S3Settings read(Settings settings) {
        String bucket = settings.string("relay.s3.bucket");
        Optional<String> accessKey = settings.optional("relay.s3.access-key");
        Optional<String> secretKey = settings.optional("relay.s3.secret-key");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalStateException("set both relay.s3.access-key and relay.s3.secret-key, or neither"
                    + " (then the AWS default credentials chain is used: environment, profile, instance role)");
        }
        S3Settings s3 = new S3Settings(
                settings.bool("relay.s3.enabled"),
                bucket,
                prefix(settings, "relay.s3.prefix"),
                settings.bool("relay.s3.move-to-done"),
                prefix(settings, "relay.s3.done-prefix"),
                prefix(settings, "relay.s3.failed-prefix"),
                prefix(settings, "relay.s3.pending-prefix"),
                prefix(settings, "relay.s3.staging-prefix"),
                settings.optional("relay.s3.endpoint").map(v -> uri("relay.s3.endpoint", v)),
                settings.optional("relay.s3.public-endpoint").map(v -> uri("relay.s3.public-endpoint", v)),
                settings.string("relay.s3.region"),
                settings.bool("relay.s3.path-style"),
                accessKey,
                secretKey,
                settings.optional("relay.sink.s3.bucket").orElse(bucket),
                prefix(settings, "relay.sink.s3.prefix"),
                settings.optional("relay.sink.s3.suffix").orElse(""),
                settings.bool("relay.sink.s3.tag-source"),
                settings.optional("relay.sink.s3.tag-prefix").orElse(""),
                settings.optional("relay.sink.s3.tag-fields").map(S3Settings::list).orElse(List.of()));
        s3.check(settings.list("relay.sinks").contains("s3"));
        return s3;
    }

    void check(boolean sinkUsed) {
        requireBucket("relay.s3.bucket", bucket);
        if (enabled) {
            if (prefix.isEmpty()) {
                throw new IllegalStateException("relay.s3.prefix must not be empty: done, failed and pending objects are"
                        + " kept in the same bucket under their own prefixes, which must lie outside the watched one");
            }
            outside("relay.s3.done-prefix", donePrefix);
            outside("relay.s3.failed-prefix", failedPrefix);
            outside("relay.s3.pending-prefix", pendingPrefix);
            outside("relay.s3.staging-prefix", stagingPrefix);
            if (moveToDone) {
                requireLiteralMatch(donePrefix);
            }
        }
        if (sinkUsed) {
            requireBucket("relay.sink.s3.bucket", sinkBucket);
            if (enabled && sinkBucket.equals(bucket)) {
                outside("relay.sink.s3.prefix", sinkPrefix);
            }
            if (tagSource) {
                S3ObjectTags.checkKeyPrefix(tagPrefix);
                for (String field : tagFields) {
                    if (!S3ObjectTags.FIELDS.contains(field)) {
                        throw new IllegalStateException("relay.sink.s3.tag-fields: unknown field '" + field + "'; use any of "
                                + S3ObjectTags.FIELDS);
                    }
                }
            }
        }
    }

    /** The prefix of a failure area. */
    public String areaPrefix(io.captionrelay.areas.Area area) {
        return area == io.captionrelay.areas.Area.PENDING ? pendingPrefix : failedPrefix;
    }

    private void outside(String key, String other) {
        if (other.isEmpty() || other.startsWith(prefix) || prefix.startsWith(other)) {
            throw new IllegalStateException(key + " ('" + other + "') must not overlap relay.s3.prefix ('" + prefix
                    + "'): the source reads everything under its prefix, so each area needs its own prefix beside it"
                    + " (e.g. incoming/, done/, failed/, pending/)");
        }
    }

    /**
     * camel-aws2-s3 moves to the done prefix by removing the source prefix with {@code String.replaceFirst}, a regular
     * expression: make sure its first match is the source prefix itself and not something inside the done prefix.
     */
    private void requireLiteralMatch(String done) {
        var matcher = Pattern.compile(prefix).matcher(done + prefix);
        if (!matcher.find() || matcher.start() != done.length()) {
            throw new IllegalStateException("relay.s3.done-prefix (" + done + ") must not contain text that reads like relay.s3.prefix ("
                    + prefix + "): the move to done would cut the wrong part of the key");
        }
    }

    private static String prefix(Settings settings, String key) {
        String value = settings.optional(key).orElse("");
        if (!PREFIX.matcher(value).matches()) {
            throw new IllegalStateException(key + " may use only letters, digits, '.', '_', '-' and '/', not '" + value + "'");
        }
        while (value.startsWith("/")) {
            value = value.substring(1);
        }
        if (value.contains("//") || value.contains("/../") || value.startsWith("../") || value.startsWith("./")
                || value.contains("/./") || value.equals("..") || value.equals(".")) {
            throw new IllegalStateException(key + " must be a plain path such as 'incoming/', not '" + value + "'");
        }
        return value.isEmpty() || value.endsWith("/") ? value : value + "/";
    }

    private static void requireBucket(String key, String name) {
        if (!BUCKET.matcher(name).matches() || name.contains("..")) {
            throw new IllegalStateException(key + " '" + name + "' is not a valid bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
    }

    private static URI uri(String key, String value) {
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException(key + " must be an http(s) address such as http://minio:9000, not '" + value + "'");
        }
        return uri;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }
}
