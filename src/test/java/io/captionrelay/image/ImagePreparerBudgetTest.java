package io.captionrelay.image;

import static io.captionrelay.image.PreparedImages.assertSendable;
import static io.captionrelay.image.PreparedImages.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A camera-like 12 MP JPEG that is larger than the provider takes: the preparer keeps as many of its pixels as the
 * size limit allows, the full size when its re-encoded copy fits.
 */
class ImagePreparerBudgetTest {

    /** 4000 × 3000 with grain, at JPEG quality 0.97: re-encoded at 0.9 it is much smaller. */
    private static byte[] photo;
    /** The photo re-encoded at full size, JPEG 0.9, as the preparer writes it. */
    private static byte[] fullSize;

    private final ImagePreparer preparer = new ImagePreparer();

    @BeforeAll
    static void shootThePhoto() {
        photo = TestImages.jpeg(TestImages.grainyPicture(4000, 3000, 12), 0.97f);
        fullSize = ImageEncoder.jpeg(PreparedImages.decode(photo), 0.9f);
        assertThat(fullSize.length).as("the full-size re-encode").isBetween(2_000_000, photo.length * 3 / 4);
    }

    @Test
    void aPhotoWhoseReEncodedCopyFitsIsSentAtFullSize() throws Exception {
        ImageRequirements requirements = limit((fullSize.length + photo.length) / 2);

        PreparedImage prepared = preparer.prepare(photo, facts(photo), requirements);

        assertSendable(prepared, requirements);
        assertThat(prepared.unchanged()).isFalse();
        assertThat(prepared.width()).isEqualTo(4000);
        assertThat(prepared.height()).isEqualTo(3000);
        assertThat(prepared.bytes()).isEqualTo(fullSize);
        assertThat(prepared.quality()).isEqualTo(0.9f);
        assertThat(prepared.encodes()).isEqualTo(1);
    }

    @Test
    void aPhotoThatMustShrinkUsesMostOfTheLimit() throws Exception {
        long maxBytes = fullSize.length / 5; // far beyond what a lower quality saves: only fewer pixels fit
        ImageRequirements requirements = limit(maxBytes);

        PreparedImage prepared = preparer.prepare(photo, facts(photo), requirements);

        assertSendable(prepared, requirements);
        assertThat((double) prepared.bytes().length / maxBytes).as("share of the limit used").isGreaterThanOrEqualTo(0.8);
        assertThat(prepared.width()).isLessThan(4000);
        assertThat(prepared.height()).isCloseTo(prepared.width() * 3 / 4, within(1));
    }

    private static ImageRequirements limit(long maxBytes) {
        return new ImageRequirements(Set.of(ImageFormat.JPEG, ImageFormat.PNG), maxBytes, false);
    }
}
