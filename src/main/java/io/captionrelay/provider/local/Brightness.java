package io.captionrelay.provider.local;

/** Words for the mean luma (Rec. 601, 0–255) of an image. */
enum Brightness {
    VERY_DARK("very dark", 40),
    DARK("dark", 90),
    MEDIUM("medium", 165),
    BRIGHT("bright", 215),
    VERY_BRIGHT("very bright", 256);

    private final String word;
    private final double below;

    Brightness(String word, double below) {
        this.word = word;
        this.below = below;
    }

    String word() {
        return word;
    }

    static Brightness of(double meanLuma) {
        for (Brightness b : values()) {
            if (meanLuma < b.below) {
                return b;
            }
        }
        return VERY_BRIGHT;
    }
}
