package io.captionrelay.sink;

import java.util.Locale;

/**
 * H2's settings for a commit that survives a killed process. H2 acknowledges a commit before writing it
 * when {@code WRITE_DELAY} is above 0 (500 ms by default), so a kill -9 loses rows the application already
 * acted on. A file database gets {@code WRITE_DELAY=0} (every commit is written to the file before it
 * returns) unless its URL names a write delay of its own. See docs/durability.md.
 */
final class H2Durability {

    private H2Durability() {
    }

    /** The URL to open: H2 file URLs without a WRITE_DELAY get {@code ;WRITE_DELAY=0}; others are left as they are. */
    static String url(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean h2File = lower.startsWith("jdbc:h2:file:") || (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:"));
        if (!h2File || lower.contains(";write_delay=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }
}
