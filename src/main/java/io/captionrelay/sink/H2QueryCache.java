package io.captionrelay.sink;

/**
 * H2's cache of parsed statements, per connection: 8 by default, fewer than the statements one image's writes use
 * (ledger look-up and row, paid call, prepared-bytes note, the JDBC sink's upsert and tags, savepoints), so each was
 * parsed again every time. An embedded H2 URL gets {@code QUERY_CACHE_SIZE} of {@link #STATEMENTS} unless it names one.
 */
final class H2QueryCache {

    /** Room for every statement the app uses, with some to spare; a parsed statement is a few KB. */
    static final int STATEMENTS = 64;

    private H2QueryCache() {
    }

    /** The URL to open: embedded H2 URLs without a QUERY_CACHE_SIZE get {@code ;QUERY_CACHE_SIZE=}{@link #STATEMENTS}. */
    static String sized(String url) {
        return H2Url.withDefault(url, "QUERY_CACHE_SIZE", STATEMENTS, false);
    }
}
