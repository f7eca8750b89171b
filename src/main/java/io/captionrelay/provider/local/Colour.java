package io.captionrelay.provider.local;

import java.util.Locale;

/** The plain colour words the local provider uses. */
enum Colour {
    BLACK, WHITE, GREY, RED, ORANGE, YELLOW, GREEN, TEAL, BLUE, PURPLE, PINK, BROWN;

    private final String word = name().toLowerCase(Locale.ROOT);

    String word() {
        return word;
    }
}
