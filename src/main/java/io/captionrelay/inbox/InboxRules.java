package io.captionrelay.inbox;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the drop folder does with one entry, decided from the entry itself (see {@link EntryKind}):
 * take it as an image, refuse it with a reason, look inside it (a real folder), or leave it alone
 * (hidden names, extensions nobody listed). Shared by the Camel filter, the refusal sweep and the
 * count of waiting images, so all three agree.
 */
public final class InboxRules {

    /** The verdict on one entry; {@code reason} is set for {@link Action#REFUSE} only. */
    public record Verdict(Action action, String reason) {
        static final Verdict TAKE = new Verdict(Action.TAKE, null);
        static final Verdict DESCEND = new Verdict(Action.DESCEND, null);
        static final Verdict IGNORE = new Verdict(Action.IGNORE, null);

        static Verdict refuse(String reason) {
            return new Verdict(Action.REFUSE, reason);
        }
    }

    public enum Action { TAKE, REFUSE, DESCEND, IGNORE }

    private final Set<String> accepted;
    private final Set<String> refused;

    public InboxRules(String acceptedExtensions, String refusedExtensions) {
        this.refused = extensions(refusedExtensions);
        this.accepted = extensions(acceptedExtensions).stream().filter(e -> !refused.contains(e))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The verdict on {@code entry}, a path inside the inbox, whose own kind is {@code kind}. */
    public Verdict judge(Path entry, EntryKind kind) {
        Path fileName = entry.getFileName();
        String name = fileName.toString();
        if (name.startsWith(".") || kind == EntryKind.MISSING) {
            return Verdict.IGNORE; // hidden (.done, .failed, .pending, temporary files) or gone meanwhile
        }
        if (kind != EntryKind.REGULAR_FILE && kind != EntryKind.DIRECTORY) {
            return Verdict.refuse(kind.refusal()); // never opened, followed or descended into
        }
        String unaddressable = unaddressable(fileName, name);
        if (unaddressable != null) {
            return Verdict.refuse(unaddressable);
        }
        if (kind == EntryKind.DIRECTORY) {
            return Verdict.DESCEND;
        }
        String extension = extension(name);
        if (accepted.contains(extension)) {
            return Verdict.TAKE;
        }
        if (refused.contains(extension)) {
            return Verdict.refuse("format not supported yet: " + extension.toUpperCase(Locale.ROOT)
                    + " (listed in relay.inbox.refused-extensions); convert it to JPEG or PNG and drop it again");
        }
        return Verdict.IGNORE;
    }

    /** Why Camel's file component (java.io.File, String paths) could not address this name, or null. */
    private static String unaddressable(Path fileName, String name) {
        if (!Path.of(name).equals(fileName)) {
            // the bytes of the name do not decode in the JVM's file-name encoding (sun.jnu.encoding)
            return "the name is not valid " + System.getProperty("sun.jnu.encoding", "UTF-8")
                    + " text, so it cannot be opened by name; rename it";
        }
        if (name.indexOf('\\') >= 0) {
            // Camel's FileUtil.normalizePath turns '\' into '/', so the path it would open does not exist
            return "the name holds a backslash (\\), which the file consumer reads as a folder separator; rename it";
        }
        return null;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static Set<String> extensions(String commaSeparated) {
        return Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
