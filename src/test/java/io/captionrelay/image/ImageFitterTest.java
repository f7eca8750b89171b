package io.captionrelay.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageFitterTest {

    private final BufferedImage source = TestImages.grainyPicture(800, 600, 21);
    private final int jpeg90 = ImageEncoder.jpeg(source, 0.9f).length;

    @Test
    void aSmallOvershootCostsQualityNotPixels() throws Exception {
        PreparedImage fitted = ImageFitter.fit(source, List.of(ImageFormat.JPEG), 800, jpeg90 - 1);

        assertThat(fitted.width()).isEqualTo(800);
        assertThat(fitted.height()).isEqualTo(600);
        assertThat(fitted.bytes()).isEqualTo(ImageEncoder.jpeg(source, 0.8f));
        assertThat(fitted.quality()).isEqualTo(0.8f);
        assertThat(fitted.encodes()).isEqualTo(2);
    }

    @Test
    void aLargeOvershootCostsPixelsInProportion() throws Exception {
        PreparedImage fitted = ImageFitter.fit(source, List.of(ImageFormat.JPEG), 800, jpeg90 / 4);

        assertThat(fitted.bytes().length).isLessThanOrEqualTo(jpeg90 / 4);
        assertThat(fitted.width()).isLessThan(800);
        assertThat(fitted.height()).isCloseTo(fitted.width() * 3 / 4, within(1));
    }

    @Test
    void theLargestSizeThatFitsIsSoughtWithinTheEncodeCap() throws Exception {
        long maxBytes = jpeg90 / 3;

        PreparedImage fitted = ImageFitter.fit(source, List.of(ImageFormat.JPEG), 800, maxBytes);

        assertThat((double) fitted.bytes().length / maxBytes).as("share of the limit used").isBetween(0.85, 1.0);
        assertThat(fitted.quality()).isEqualTo(0.9f);
        assertThat(fitted.encodes()).isBetween(2, ImageFitter.MAX_ENCODES);
        assertThat(fitted.height()).isCloseTo(fitted.width() * 3 / 4, within(1));
    }

    @Test
    void aPngThatDoesNotFitGivesWayToAJpegOfTheSameSize() throws Exception {
        assertThat(ImageEncoder.png(source).length).isGreaterThan(jpeg90);

        PreparedImage fitted = ImageFitter.fit(source, List.of(ImageFormat.PNG, ImageFormat.JPEG), 800, jpeg90);

        assertThat(fitted.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(fitted.width()).isEqualTo(800);
        assertThat(fitted.bytes()).isEqualTo(ImageEncoder.jpeg(source, 0.9f));
    }

    @Test
    void itGivesUpAfterAtMostEightEncodes() {
        RelayException refusal = catchThrowableOfType(RelayException.class,
                () -> ImageFitter.fit(source, List.of(ImageFormat.JPEG), 800, 100));

        assertThat(refusal.getMessage()).matches("the image can't be brought under 100 bytes: after [1-8] attempts it was still .*");
    }
}
