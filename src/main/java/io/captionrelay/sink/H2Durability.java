package io.captionrelay.sink;

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
        return H2Url.withDefault(url, "WRITE_DELAY", 0, true);
    }
}
