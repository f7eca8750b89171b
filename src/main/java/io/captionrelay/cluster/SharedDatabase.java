package io.captionrelay.cluster;

import io.captionrelay.settings.Settings;
import java.util.Locale;

/**
 * Whether instances share work through the database ({@code relay.claims.shared}): {@code true}, {@code false}, or
 * {@code auto}, which means shared unless the database is an H2 file or in-memory database, which only one process
 * opens (an H2 server, {@code jdbc:h2:tcp:} or {@code jdbc:h2:ssl:}, and any other database count as shared).
 */
public final class SharedDatabase {

    private SharedDatabase() {
    }

    /** From {@code relay.claims.shared} and {@code relay.db.url}. */
    public static boolean isShared(Settings settings) {
        return isShared(settings.string("relay.claims.shared"), settings.string("relay.db.url"));
    }

    public static boolean isShared(String setting, String dbUrl) {
        String mode = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "true" -> true;
            case "false" -> false;
            case "auto", "" -> !embeddedH2(dbUrl);
            default -> throw new IllegalArgumentException("relay.claims.shared must be auto, true or false, not " + setting);
        };
    }

    private static boolean embeddedH2(String dbUrl) {
        String url = dbUrl.trim().toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }
}
