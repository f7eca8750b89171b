package io.captionrelay.pipeline;

import io.captionrelay.model.NameFit;

/**
 * Names in {@code .done}, {@code .failed} and {@code .pending}: a later image of a taken name is kept
 * beside the earlier one as {@code a (2).jpg}, {@code a (3).jpg} …; every name, and the reason
 * record's name derived from it, fits in 255 bytes.
 */
public final class ArchiveNames {

    /** The longest file name Linux file systems hold, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private ArchiveNames() {
    }

    /** The {@code n}-th choice for {@code name}: the name itself, then {@code stem (n).ext}, shortened to fit. */
    public static String numbered(String name, int n) {
        if (n <= 1 && NameFit.bytes(name) <= MAX_NAME_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String tail = (n <= 1 ? "" : " (" + n + ")") + (dot > 0 ? name.substring(dot) : "");
        if (NameFit.bytes(tail) > MAX_NAME_BYTES / 2) { // an absurd extension: keep the name's start instead
            return NameFit.prefix(name, MAX_NAME_BYTES - NameFit.bytes(" (" + n + ")")) + (n <= 1 ? "" : " (" + n + ")");
        }
        return NameFit.prefix(stem, MAX_NAME_BYTES - NameFit.bytes(tail)) + tail;
    }

    /**
     * The reason record's name for the archived image {@code imageName}: {@code <name><suffix>}, or, when
     * that is longer than 255 bytes, a shortened name with a hash of the image's name before the suffix.
     */
    public static String record(String imageName, String suffix) {
        if (NameFit.bytes(imageName + suffix) <= MAX_NAME_BYTES) {
            return imageName + suffix;
        }
        String hash = "~" + NameFit.hash(imageName);
        return NameFit.prefix(imageName, MAX_NAME_BYTES - NameFit.bytes(hash + suffix)) + hash + suffix;
    }
}
