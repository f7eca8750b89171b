package io.captionrelay.image;

import static io.captionrelay.image.PreparedImages.alpha;
import static io.captionrelay.image.PreparedImages.assertSendable;
import static io.captionrelay.image.PreparedImages.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImagePreparerSizeTest {

    /** A 6000 × 4000 camera-like JPEG of well over 5 MB. */
    private static byte[] bigPhoto;

    private final ImagePreparer preparer = new ImagePreparer();

    @BeforeAll
    static void shootTheBigPhoto() {
        bigPhoto = TestImages.jpeg(TestImages.grainyPicture(6000, 4000, 7), 0.9f);
        assertThat(bigPhoto.length).as("the big photo's size").isGreaterThan(5 * 1024 * 1024);
    }

    @ParameterizedTest
    @EnumSource(value = ProviderLimits.class, names = {"IMAGEDESCRIBER", "APIVERVE", "IMAGINEPRO"})
    void anOversizedPhotoIsScaledDownInProportionUntilItFits(ProviderLimits provider) throws Exception {
        ImageRequirements requirements = provider.requirements();

        PreparedImage prepared = preparer.prepare(bigPhoto, facts(bigPhoto), requirements);

        assertSendable(prepared, requirements);
        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(prepared.unchanged()).isFalse();
        assertThat(prepared.width()).isLessThan(6000);
        assertThat(prepared.height()).isCloseTo(prepared.width() * 2 / 3, within(1));
    }

    @Test
    void theSecondChanceIsAJpegOfAtMostHalfTheRefusedEdge() throws Exception {
        ImageRequirements requirements = ProviderLimits.IMAGEDESCRIBER.requirements();
        PreparedImage refused = preparer.prepare(bigPhoto, facts(bigPhoto), requirements);

        PreparedImage smaller = preparer.prepareSmaller(bigPhoto, facts(bigPhoto), requirements, refused);

        assertSendable(smaller, requirements);
        assertThat(smaller.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(Math.max(smaller.width(), smaller.height()))
                .isLessThanOrEqualTo(Math.min(2048, Math.max(refused.width(), refused.height()) / 2));
        assertThat(smaller.height()).isCloseTo(smaller.width() * 2 / 3, within(1));
    }

    @Test
    void theSecondChanceReEncodesEvenAnImageSentAsItWas() throws Exception {
        byte[] png = TestImages.write(TestImages.halfTransparent(640, 480, Color.BLUE), "png");
        ImageRequirements requirements = ProviderLimits.APIVERVE.requirements();
        PreparedImage refused = preparer.prepare(png, facts(png), requirements);
        assertThat(refused.unchanged()).isTrue();

        PreparedImage smaller = preparer.prepareSmaller(png, facts(png), requirements, refused);

        BufferedImage decoded = assertSendable(smaller, requirements);
        assertThat(smaller.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(smaller.width()).isEqualTo(320);
        assertThat(smaller.height()).isEqualTo(240);
        assertThat(decoded.getRGB(40, 120) & 0xFFFFFF).as("transparent half on white").isGreaterThan(0xF0F0F0);
    }

    @Test
    void aOnePixelImageHasNoSmallerSecondChance() {
        byte[] jpeg = TestImages.jpeg(1, 1, Color.RED);
        PreparedImage refused = new PreparedImage(jpeg, ImageFormat.JPEG, 1, 1, true);

        RelayException refusal = catchThrowableOfType(RelayException.class,
                () -> preparer.prepareSmaller(jpeg, facts(jpeg), ProviderLimits.APIVERVE.requirements(), refused));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).isEqualTo("the provider refused the image and it is too small to send smaller");
    }

    @Test
    void anOversizedPngBecomesAJpegWhenItHasNoTransparency() throws Exception {
        byte[] png = TestImages.noisyPng(1200, 900);
        assertThat(png.length).isGreaterThan(1024 * 1024);
        ImageRequirements imaginepro = ProviderLimits.IMAGINEPRO.requirements();

        PreparedImage prepared = preparer.prepare(png, facts(png), imaginepro);

        assertSendable(prepared, imaginepro);
        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void anOversizedTransparentPngStaysAPngAndShrinks() throws Exception {
        byte[] png = noisyTranslucentPng(1200, 900);
        assertThat(png.length).isGreaterThan(1024 * 1024);
        ImageRequirements imaginepro = ProviderLimits.IMAGINEPRO.requirements();

        PreparedImage prepared = preparer.prepare(png, facts(png), imaginepro);

        BufferedImage decoded = assertSendable(prepared, imaginepro);
        assertThat(prepared.format()).isEqualTo(ImageFormat.PNG);
        assertThat(prepared.width()).isLessThan(1200);
        assertThat(prepared.height()).isCloseTo(prepared.width() * 3 / 4, within(1));
        assertThat(alpha(decoded.getRGB(0, 0))).isLessThan(255);
    }

    @Test
    void aLimitNoImageCanMeetIsRefusedAfterABoundedNumberOfAttempts() {
        byte[] jpeg = TestImages.jpeg(TestImages.grainyPicture(400, 300, 5), 0.9f);
        ImageRequirements absurd = new ImageRequirements(Set.of(ImageFormat.JPEG), 100, false);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> preparer.prepare(jpeg, facts(jpeg), absurd));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).startsWith("the image can't be brought under 100 bytes: ");
    }

    @Test
    void preparationsRunningAtTheSameTimeGiveTheSameBytesAsOneByOne() throws Exception {
        List<byte[]> originals = List.of(
                TestImages.write(TestImages.picture(800, 600), "bmp"),
                TestImages.noisyPng(700, 500),
                TestImages.jpeg(TestImages.grainyPicture(900, 700, 9), 0.95f),
                TestImages.write(TestImages.picture(640, 480), "tiff"));
        ImageRequirements imaginepro = ProviderLimits.IMAGINEPRO.requirements();
        List<byte[]> oneByOne = new ArrayList<>();
        for (byte[] original : originals) {
            oneByOne.add(preparer.prepare(original, facts(original), imaginepro).bytes());
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PreparedImage>> together = pool.invokeAll(originals.stream()
                    .map(original -> (Callable<PreparedImage>) () -> preparer.prepare(original, facts(original), imaginepro))
                    .toList());
            for (int i = 0; i < originals.size(); i++) {
                assertThat(together.get(i).get().bytes()).isEqualTo(oneByOne.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] noisyTranslucentPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(11);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt() | (x < width / 2 ? 0x80000000 : 0xFF000000));
            }
        }
        return TestImages.write(image, "png");
    }
}
