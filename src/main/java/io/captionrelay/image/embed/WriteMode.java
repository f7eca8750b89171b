package io.captionrelay.image.embed;

import java.util.Locale;

/** {@code relay.sinks.xmp.mode}: what happens to titles, descriptions and keywords the image already has. */
public enum WriteMode {
    /** Existing keywords are kept and the result's added; an existing title or description stays, the result's is added in its language. */
    MERGE,
    /** The result's title, description, headline, alt text and keywords replace the image's own. */
    REPLACE;

    public static WriteMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("relay.sinks.xmp.mode must be merge or replace: " + value);
        }
    }
}
