package io.captionrelay.sink;

/**
 * H2's page cache, bounded: H2 keeps up to 64 MB of the database's pages on the heap by default, filled as the
 * ledger grows, so a long batch would end with a quarter of a 256 MB heap held by it. An embedded H2 database
 * (file or memory) gets {@code CACHE_SIZE} (KB) of {@link #KILOBYTES} unless its URL names one. See docs/scale.md.
 */
final class H2Cache {

    /** 8 MB: the ledger's look-ups go by an indexed hash, and the rows written are read back rarely. */
    static final int KILOBYTES = 8 * 1024;

    private H2Cache() {
    }

    /** The URL to open: embedded H2 URLs without a CACHE_SIZE get {@code ;CACHE_SIZE=}{@link #KILOBYTES}; others are left as they are. */
    static String bounded(String url) {
        return H2Url.withDefault(url, "CACHE_SIZE", KILOBYTES, false);
    }
}
