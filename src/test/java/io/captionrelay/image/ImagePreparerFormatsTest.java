package io.captionrelay.image;

import static io.captionrelay.image.PreparedImages.alpha;
import static io.captionrelay.image.PreparedImages.assertSendable;
import static io.captionrelay.image.PreparedImages.blue;
import static io.captionrelay.image.PreparedImages.facts;
import static io.captionrelay.image.PreparedImages.green;
import static io.captionrelay.image.PreparedImages.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.HeifImages;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImagePreparerFormatsTest {

    private static final Color RED = new Color(220, 20, 30);

    private final ImagePreparer preparer = new ImagePreparer();

    /** Every input format CaptionRelay takes in, in the forms that trip decoders up. */
    enum Input {
        JPEG(ImageFormat.JPEG, false, () -> TestImages.write(TestImages.picture(320, 240), "jpeg")),
        CMYK_JPEG(ImageFormat.JPEG, false, () -> TestImages.cmykJpeg(64, 48, 0, 255, 255, 0)),
        PNG(ImageFormat.PNG, false, () -> TestImages.write(TestImages.picture(320, 240), "png")),
        PNG_WITH_ALPHA(ImageFormat.PNG, true, () -> TestImages.write(TestImages.halfTransparent(64, 48, RED), "png")),
        GREY_16_BIT_PNG(ImageFormat.PNG, false, () -> TestImages.grey16Png(64, 48, 0x8080)),
        RGB_16_BIT_PNG(ImageFormat.PNG, false, () -> TestImages.rgb16Png(64, 48, 0xDCDC, 0x1414, 0x1E1E)),
        ANIMATED_GIF(ImageFormat.GIF, false, () -> TestImages.animatedGif(
                TestImages.solid(64, 48, Color.RED), TestImages.solid(64, 48, Color.BLUE))),
        BMP(ImageFormat.BMP, false, () -> TestImages.write(TestImages.picture(320, 240), "bmp")),
        TIFF(ImageFormat.TIFF, false, () -> TestImages.write(TestImages.picture(320, 240), "tiff")),
        /** Its one pixel is fully transparent. */
        WEBP_1X1(ImageFormat.WEBP, true, () -> TestImages.WEBP_1X1),
        WEBP_WITH_ALPHA(ImageFormat.WEBP, true, () -> TestImages.losslessWebp(64, 48, 0x00000000, 0xFFDC141E)),
        /** Decoded through heif-convert, a real child process. */
        HEIC(ImageFormat.HEIC, false, HeifImages::heic),
        AVIF(ImageFormat.AVIF, false, HeifImages::avif);

        final ImageFormat format;
        final boolean transparent;
        final Supplier<byte[]> bytes;

        Input(ImageFormat format, boolean transparent, Supplier<byte[]> bytes) {
            this.format = format;
            this.transparent = transparent;
            this.bytes = bytes;
        }
    }

    static Stream<Arguments> everyInputForEveryProvider() {
        return Arrays.stream(Input.values())
                .flatMap(input -> Arrays.stream(ProviderLimits.values()).map(provider -> Arguments.of(input, provider)));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("everyInputForEveryProvider")
    void everyInputBecomesSomethingTheProviderTakes(Input input, ProviderLimits provider) throws Exception {
        byte[] original = input.bytes.get();
        ImageFacts facts = facts(original);
        ImageRequirements requirements = provider.requirements();

        PreparedImage prepared = preparer.prepare(original, facts, requirements);

        assertSendable(prepared, requirements);
        assertThat(prepared.width()).isEqualTo(facts.width());
        assertThat(prepared.height()).isEqualTo(facts.height());
        // a provider of still images (every one, by default) gets an animation's first frame, re-encoded
        if (requirements.accepts(input.format) && input != Input.ANIMATED_GIF) {
            assertThat(prepared.unchanged()).as("sent as it is").isTrue();
            assertThat(prepared.bytes()).isEqualTo(original);
        } else {
            assertThat(prepared.unchanged()).isFalse();
            assertThat(prepared.format()).isEqualTo(input.transparent ? ImageFormat.PNG : ImageFormat.JPEG);
        }
    }

    @Test
    void aCmykJpegKeepsItsColourWhenConverted() throws Exception {
        byte[] cmyk = TestImages.cmykJpeg(64, 48, 0, 255, 255, 0);
        ImageRequirements pngOnly = new ImageRequirements(Set.of(ImageFormat.PNG), ProviderLimits.MB, false);

        PreparedImage prepared = preparer.prepare(cmyk, facts(cmyk), pngOnly);

        int rgb = assertSendable(prepared, pngOnly).getRGB(32, 24);
        assertThat(red(rgb)).isGreaterThan(200);
        assertThat(green(rgb)).isLessThan(80);
        assertThat(blue(rgb)).isLessThan(80);
    }

    @Test
    void aSixteenBitGreyPngBecomesAJpegOfTheSameGrey() throws Exception {
        byte[] grey = TestImages.grey16Png(64, 48, 0x8080);
        ImageRequirements jpegOnly = new ImageRequirements(Set.of(ImageFormat.JPEG), ProviderLimits.MB, false);

        PreparedImage prepared = preparer.prepare(grey, facts(grey), jpegOnly);

        int rgb = assertSendable(prepared, jpegOnly).getRGB(32, 24);
        assertThat(red(rgb)).isCloseTo(128, within(3));
        assertThat(green(rgb)).isCloseTo(128, within(3));
        assertThat(blue(rgb)).isCloseTo(128, within(3));
    }

    @Test
    void aSixteenBitRgbPngBecomesAJpegOfTheSameColour() throws Exception {
        byte[] png = TestImages.rgb16Png(64, 48, 0xDCDC, 0x1414, 0x1E1E);
        ImageRequirements jpegOnly = new ImageRequirements(Set.of(ImageFormat.JPEG), ProviderLimits.MB, false);

        int rgb = assertSendable(preparer.prepare(png, facts(png), jpegOnly), jpegOnly).getRGB(32, 24);

        assertThat(red(rgb)).isCloseTo(220, within(4));
        assertThat(green(rgb)).isCloseTo(20, within(4));
        assertThat(blue(rgb)).isCloseTo(30, within(4));
    }

    @Test
    void anAnimatedGifSendsItsFirstFrame() throws Exception {
        byte[] gif = TestImages.animatedGif(TestImages.solid(64, 48, Color.RED), TestImages.solid(64, 48, Color.BLUE));
        ImageRequirements memories = ProviderLimits.MEMORIES_AI.requirements();

        PreparedImage prepared = preparer.prepare(gif, facts(gif), memories);

        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        int rgb = assertSendable(prepared, memories).getRGB(32, 24);
        assertThat(red(rgb)).isGreaterThan(230);
        assertThat(blue(rgb)).isLessThan(30);
    }

    @Test
    void anAnimatedGifGoesAsItsFirstFrameEvenToAProviderThatTakesGif() throws Exception {
        byte[] gif = TestImages.animatedGif(TestImages.solid(64, 48, Color.RED), TestImages.solid(64, 48, Color.BLUE),
                TestImages.solid(64, 48, Color.GREEN));
        ImageRequirements apiverve = ProviderLimits.APIVERVE.requirements();

        PreparedImage prepared = preparer.prepare(gif, facts(gif), apiverve);

        assertThat(prepared.unchanged()).isFalse();
        assertThat(TestImages.frames(prepared.bytes())).isEqualTo(1);
        int rgb = assertSendable(prepared, apiverve).getRGB(32, 24);
        assertThat(red(rgb)).isGreaterThan(230);
        assertThat(blue(rgb)).isLessThan(30);
    }

    @Test
    void anAnimatedGifGoesAsItIsToAProviderThatReadsAnimations() throws Exception {
        byte[] gif = TestImages.animatedGif(TestImages.solid(64, 48, Color.RED), TestImages.solid(64, 48, Color.BLUE));

        PreparedImage prepared = preparer.prepare(gif, facts(gif), ProviderLimits.APIVERVE.requirements().sending(false, true));

        assertThat(prepared.unchanged()).isTrue();
        assertThat(prepared.bytes()).isEqualTo(gif);
    }

    @Test
    void transparencyIsFlattenedOntoWhiteWhenOnlyJpegIsTaken() throws Exception {
        byte[] png = TestImages.write(TestImages.halfTransparent(64, 48, RED), "png");
        ImageRequirements jpegOnly = new ImageRequirements(Set.of(ImageFormat.JPEG), ProviderLimits.MB, false);

        PreparedImage prepared = preparer.prepare(png, facts(png), jpegOnly);

        BufferedImage decoded = assertSendable(prepared, jpegOnly);
        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        int left = decoded.getRGB(8, 24);
        assertThat(List.of(red(left), green(left), blue(left))).allSatisfy(c -> assertThat(c).isGreaterThan(245));
        int right = decoded.getRGB(56, 24);
        assertThat(red(right)).isCloseTo(220, within(8));
        assertThat(green(right)).isLessThan(45);
    }

    @Test
    void aWebpWithAlphaBecomesAPngThatKeepsIt() throws Exception {
        byte[] webp = TestImages.losslessWebp(64, 48, 0x00000000, 0xFFDC141E);
        ImageRequirements apiverve = ProviderLimits.APIVERVE.requirements();

        PreparedImage prepared = preparer.prepare(webp, facts(webp), apiverve);

        assertThat(prepared.format()).isEqualTo(ImageFormat.PNG);
        BufferedImage decoded = assertSendable(prepared, apiverve);
        assertThat(alpha(decoded.getRGB(8, 24))).isZero();
        assertThat(decoded.getRGB(56, 24)).isEqualTo(0xFFDC141E);
    }

    @Test
    void aProviderThatTakesNeitherJpegNorPngCantBeGivenAConversion() {
        byte[] png = TestImages.write(TestImages.picture(64, 48), "png");
        ImageRequirements webpOnly = new ImageRequirements(Set.of(ImageFormat.WEBP), ProviderLimits.MB, false);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> preparer.prepare(png, facts(png), webpOnly));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage())
                .isEqualTo("the provider takes only WebP and this image would have to be converted; CaptionRelay converts to JPEG or PNG only");
    }
}
