package io.captionrelay.s3;

import io.captionrelay.model.CaptionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a result into S3 object tags and merges them into the tags an object already has.
 *
 * <p>S3 allows at most 10 tags per object, keys of at most 128 and values of at most 256 Unicode
 * characters, and (to be safe across AWS services and S3-compatible servers) letters, digits, spaces
 * and {@code + - = . _ : / @}. CaptionRelay's tags are the ones whose key starts with the configured
 * prefix; every other tag belongs to someone else and is always kept. Ours replace our previous ones,
 * in the configured field order, as long as there is room: when the object already carries other tags,
 * the fields at the end of the list are left out (and reported).
 */
public final class S3ObjectTags {

    /** S3's limits. */
    public static final int MAX_TAGS = 10;
    public static final int MAX_KEY_CHARS = 128;
    public static final int MAX_VALUE_CHARS = 256;

    /** The result fields that can become tags. */
    public static final List<String> FIELDS = List.of("title", "caption", "tags", "provider", "operation", "language", "sha256");

    /** Separator between the words of the {@code tags} field (a comma is not allowed in tag values). */
    static final String TAG_SEPARATOR = " / ";

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{N} +\\-=._:/@]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private S3ObjectTags() {
    }

    /** What {@link #merge} decided: the full tag set to write, and the fields that did not fit. */
    public record Merged(Map<String, String> tags, List<String> leftOut) {
    }

    /**
     * @param existing the object's tags now (key to value, in the order S3 gave them)
     * @param ours     tags made by {@link #fromResult}, most important first
     * @param prefix   the prefix that marks CaptionRelay's tags
     */
    public static Merged merge(Map<String, String> existing, Map<String, String> ours, String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        existing.forEach((key, value) -> {
            if (!key.startsWith(prefix)) {
                result.put(key, value);
            }
        });
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<String, String> tag : ours.entrySet()) {
            if (result.size() < MAX_TAGS) {
                result.put(tag.getKey(), tag.getValue());
            } else {
                leftOut.add(tag.getKey());
            }
        }
        return new Merged(result, List.copyOf(leftOut));
    }

    /** The result's fields as tags {@code prefix + field}, in the order of {@code fields}; empty fields are skipped. */
    public static Map<String, String> fromResult(CaptionResult result, String prefix, List<String> fields) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String field : fields) {
            String value = switch (field) {
                case "title" -> result.title();
                case "caption" -> result.caption();
                case "tags" -> joinTags(result.tags());
                case "provider" -> result.provider();
                case "operation" -> result.operation();
                case "language" -> result.language();
                case "sha256" -> result.imageSha256();
                default -> throw new IllegalArgumentException("unknown tag field " + field);
            };
            String clean = value(value);
            if (!clean.isEmpty()) {
                tags.put(key(prefix + field), clean);
            }
        }
        return tags;
    }

    /** A value S3 accepts: disallowed characters become spaces, runs of spaces one, at most 256 characters. */
    static String value(String text) {
        return cut(clean(text), MAX_VALUE_CHARS);
    }

    static String key(String text) {
        return cut(clean(text), MAX_KEY_CHARS);
    }

    /** The words of {@code tags}, cleaned, joined with {@value #TAG_SEPARATOR}; a word that does not fit whole is left out. */
    static String joinTags(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            String clean = clean(word);
            if (clean.isEmpty()) {
                continue;
            }
            String next = out.isEmpty() ? clean : TAG_SEPARATOR + clean;
            if (out.codePointCount(0, out.length()) + next.codePointCount(0, next.length()) > MAX_VALUE_CHARS) {
                break;
            }
            out.append(next);
        }
        return out.toString();
    }

    /** Fails when a configured tag key prefix could not be part of a valid tag key. */
    static void checkKeyPrefix(String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalStateException("relay.sink.s3.tag-prefix must not be empty: it tells CaptionRelay's tags from yours");
        }
        if (!clean(prefix).equals(prefix) || prefix.codePointCount(0, prefix.length()) > 100 || prefix.toLowerCase().startsWith("aws:")) {
            throw new IllegalStateException("relay.sink.s3.tag-prefix '" + prefix + "' must be at most 100 letters, digits or"
                    + " + - = . _ : / @ (no spaces at either end), and must not start with aws:");
        }
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        return SPACES.matcher(NOT_ALLOWED.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    }

    private static String cut(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars)).strip();
    }
}
