package io.captionrelay.provider.local;

import io.captionrelay.image.ImageFacts;
import io.captionrelay.image.ImageFormat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Small generated images for the local provider's tests. */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage solid(int width, int height, Color colour) {
        return solid(width, height, colour, BufferedImage.TYPE_INT_RGB);
    }

    static BufferedImage solid(int width, int height, Color colour, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Left part (fraction of the width) in one colour, the rest in another. */
    static BufferedImage split(int width, int height, double leftFraction, Color left, Color right) {
        BufferedImage image = solid(width, height, right);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, (int) Math.round(width * leftFraction), height);
        g.dispose();
        return image;
    }

    /** Smooth colour gradients with a few flat patches: easy to check block means against. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 40 + 180 * x / width;
                int g = 60 + 150 * y / height;
                int b = 200 - 120 * (x + y) / (width + height);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(250, 240, 20));
        g.fillRect(width / 8, height / 8, width / 4, height / 4);
        g.setColor(new Color(20, 20, 90));
        g.fillRect(width / 2, height / 2, width / 4, height / 3);
        g.dispose();
        return image;
    }

    /** Intake's facts with the sniffed format; sizes are left 0 because the analyser reads them from the file. */
    static ImageFacts factsFor(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow();
        return new ImageFacts("0".repeat(64), format, 0, 0, bytes.length);
    }
}
