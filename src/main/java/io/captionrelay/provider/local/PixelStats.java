package io.captionrelay.provider.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Colour and brightness of a pixel sample. Fully transparent pixels are left out of everything.
 *
 * @param colours        the dominant colours, largest first: at most three, each covering at least 10%
 * @param meanLuma       mean Rec. 601 luma (0–255) of the visible pixels; null when none is visible
 * @param sampledPixels  pixels in the sample
 * @param visiblePixels  pixels in the sample that are not fully transparent
 */
record PixelStats(List<ColourShare> colours, Double meanLuma, int sampledPixels, int visiblePixels) {

    static final int MAX_COLOURS = 3;
    static final double MIN_SHARE = 0.10;

    /** One named colour and the share (0–1) of visible pixels it covers. */
    record ColourShare(Colour colour, double share) {
    }

    PixelStats {
        colours = List.copyOf(colours);
    }

    static PixelStats measure(int[] argb) {
        int[] counts = new int[Colour.values().length];
        long lumaSum = 0; // in thousandths
        int visible = 0;
        for (int p : argb) {
            if (p >>> 24 == 0) {
                continue;
            }
            int r = p >> 16 & 0xFF;
            int g = p >> 8 & 0xFF;
            int b = p & 0xFF;
            lumaSum += 299 * r + 587 * g + 114 * b;
            counts[ColourNamer.name(r, g, b).ordinal()]++;
            visible++;
        }
        List<ColourShare> colours = new ArrayList<>();
        for (Colour c : Colour.values()) {
            double share = visible == 0 ? 0 : (double) counts[c.ordinal()] / visible;
            if (share >= MIN_SHARE) {
                colours.add(new ColourShare(c, share));
            }
        }
        colours.sort(Comparator.comparingDouble(ColourShare::share).reversed());
        Double meanLuma = visible == 0 ? null : lumaSum / 1000.0 / visible;
        return new PixelStats(colours.subList(0, Math.min(MAX_COLOURS, colours.size())), meanLuma, argb.length, visible);
    }

    /** Null when no pixel is visible. */
    Brightness brightness() {
        return meanLuma == null ? null : Brightness.of(meanLuma);
    }

    double transparentShare() {
        return sampledPixels == 0 ? 0 : 1 - (double) visiblePixels / sampledPixels;
    }
}
