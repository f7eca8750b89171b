package io.captionrelay.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientationTest {

    /**
     * Stored pixels {@code a b c / d e f}; each row of the table is how EXIF says they are displayed
     * (rows separated by "/").
     */
    @ParameterizedTest(name = "orientation {0} displays {1}")
    @CsvSource({
            "1, abc/def",
            "2, cba/fed",
            "3, fed/cba",
            "4, def/abc",
            "5, ad/be/cf",
            "6, da/eb/fc",
            "7, fc/eb/da",
            "8, cf/be/ad",
    })
    void storedPixelsAreDisplayedAsExifSays(int orientation, String displayed) {
        BufferedImage stored = image("abc/def");

        assertThat(text(Orientation.apply(stored, orientation))).isEqualTo(displayed);
    }

    private static BufferedImage image(String rows) {
        String[] lines = rows.split("/");
        BufferedImage image = new BufferedImage(lines[0].length(), lines.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < lines.length; y++) {
            for (int x = 0; x < lines[y].length(); x++) {
                image.setRGB(x, y, lines[y].charAt(x));
            }
        }
        return image;
    }

    private static String text(BufferedImage image) {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < image.getHeight(); y++) {
            if (y > 0) {
                text.append('/');
            }
            for (int x = 0; x < image.getWidth(); x++) {
                text.append((char) (image.getRGB(x, y) & 0xFFFFFF));
            }
        }
        return text.toString();
    }
}
