package io.captionrelay.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Turns and mirrors stored pixels the way their EXIF orientation says they are meant to be displayed. */
final class Orientation {

    private Orientation() {
    }

    /** The image as displayed; the same image for orientation 1 (or an invalid value). Keeps the pixel type. */
    static BufferedImage apply(BufferedImage stored, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = orientation >= 5;
        WritableRaster displayed = stored.getColorModel().createCompatibleWritableRaster(swap ? h : w, swap ? w : h);
        Raster from = stored.getRaster();
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = from.getDataElements(x, y, pixel);
                switch (orientation) {
                    case 2 -> displayed.setDataElements(w - 1 - x, y, pixel);         // mirrored left-right
                    case 3 -> displayed.setDataElements(w - 1 - x, h - 1 - y, pixel); // turned 180°
                    case 4 -> displayed.setDataElements(x, h - 1 - y, pixel);         // mirrored top-bottom
                    case 5 -> displayed.setDataElements(y, x, pixel);                 // transposed
                    case 6 -> displayed.setDataElements(h - 1 - y, x, pixel);         // turned 90° clockwise
                    case 7 -> displayed.setDataElements(h - 1 - y, w - 1 - x, pixel); // transversed
                    default -> displayed.setDataElements(y, w - 1 - x, pixel);        // 8: turned 90° anticlockwise
                }
            }
        }
        return new BufferedImage(stored.getColorModel(), displayed, stored.isAlphaPremultiplied(), null);
    }
}
