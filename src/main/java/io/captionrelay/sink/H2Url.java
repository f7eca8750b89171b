package io.captionrelay.sink;

import java.util.Locale;

/** An embedded H2 database's URL with a setting of ours added, unless the URL names that setting itself. */
final class H2Url {

    private H2Url() {
    }

    /**
     * {@code url} with {@code ;NAME=value} appended when it opens an embedded H2 database (a file one only, when
     * {@code fileOnly}) and names no {@code NAME}; any other URL as it is.
     */
    static String withDefault(String url, String name, Object value, boolean fileOnly) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean embedded = lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")
                && !(fileOnly && lower.startsWith("jdbc:h2:mem:"));
        if (!embedded || lower.contains(";" + name.toLowerCase(Locale.ROOT) + "=")) {
            return url;
        }
        return url + ";" + name + "=" + value;
    }
}
