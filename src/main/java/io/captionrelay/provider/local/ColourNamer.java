package io.captionrelay.provider.local;

/** Names an sRGB colour with a plain word, from its hue, saturation and lightness (HSL). */
final class ColourNamer {

    private ColourNamer() {
    }

    static Colour name(int rgb) {
        return name(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }

    static Colour name(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        float lightness = (max + min) / 510f;
        float chroma = (max - min) / 255f;
        float saturation = chroma == 0 ? 0 : chroma / (1 - Math.abs(2 * lightness - 1));
        if (lightness < 0.1f) {
            return Colour.BLACK;
        }
        if (chroma < 0.1f || saturation < 0.15f) {
            return lightness < 0.18f ? Colour.BLACK : lightness > 0.86f ? Colour.WHITE : Colour.GREY;
        }
        if (lightness > 0.95f) {
            return Colour.WHITE;
        }
        float hue = hue(r, g, b, max, max - min);
        if (hue < 15 || hue >= 335) {
            return lightness > 0.7f ? Colour.PINK : Colour.RED;
        }
        if (hue < 45) {
            return lightness < 0.4f || (saturation < 0.5f && lightness < 0.8f) ? Colour.BROWN : Colour.ORANGE;
        }
        if (hue < 70) {
            return lightness < 0.3f ? Colour.GREEN : Colour.YELLOW; // dark yellow reads as olive green
        }
        if (hue < 165) {
            return Colour.GREEN;
        }
        if (hue < 190) {
            return Colour.TEAL;
        }
        if (hue < 255) {
            return Colour.BLUE;
        }
        if (hue < 290) {
            return Colour.PURPLE;
        }
        return lightness < 0.45f ? Colour.PURPLE : Colour.PINK;
    }

    /** Hue in degrees, 0 ≤ hue < 360; range = max − min, greater than 0. */
    private static float hue(int r, int g, int b, int max, int range) {
        float h;
        if (max == r) {
            h = 60f * (g - b) / range;
        } else if (max == g) {
            h = 60f * (b - r) / range + 120;
        } else {
            h = 60f * (r - g) / range + 240;
        }
        return h < 0 ? h + 360 : h;
    }
}
