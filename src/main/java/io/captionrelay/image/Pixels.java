package io.captionrelay.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Pixel-type conversions that the encoders and the scaler handle well. */
final class Pixels {

    private static final int ROWS_PER_CHECK = 64;

    private Pixels() {
    }

    /** Whether any pixel is less than fully opaque. */
    static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int w = image.getWidth();
        int[] argb = new int[w * ROWS_PER_CHECK];
        for (int y = 0; y < image.getHeight(); y += ROWS_PER_CHECK) {
            int rows = Math.min(ROWS_PER_CHECK, image.getHeight() - y);
            image.getRGB(0, y, w, rows, argb, 0, w);
            for (int i = 0; i < w * rows; i++) {
                if (argb[i] >>> 24 != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The image as 8-bit RGB or grey, transparency flattened onto white. Anything else (CMYK, 16-bit,
     * indexed, with alpha) is drawn onto an RGB image: the JPEG writer fails or garbles colours otherwise.
     */
    static BufferedImage opaque(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** The image as 8-bit ARGB, keeping its transparency. */
    static BufferedImage translucent(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_4BYTE_ABGR) {
            return image;
        }
        BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return argb;
    }
}
