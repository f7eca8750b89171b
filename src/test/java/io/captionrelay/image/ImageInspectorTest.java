package io.captionrelay.image;

import static io.captionrelay.testing.TestImages.concat;
import static io.captionrelay.testing.TestImages.cut;
import static io.captionrelay.testing.TestImages.indexOf;
import static io.captionrelay.testing.TestImages.picture;
import static io.captionrelay.testing.TestImages.write;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageInspectorTest {

    private static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    private static final long DEFAULT_MAX_PIXELS = 100_000_000;

    private final ImageInspector inspector = new ImageInspector(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "GIF", "BMP", "TIFF"})
    void writableFormatsGiveTheirFactsFromTheBytes(ImageFormat format) throws Exception {
        byte[] bytes = write(picture(64, 48), format.imageIoName());

        ImageFacts facts = inspector.inspect(bytes);

        assertThat(facts).isEqualTo(new ImageFacts(sha256(bytes), format, 64, 48, bytes.length));
    }

    @Test
    void aLosslessWebpGivesItsFacts() throws Exception {
        ImageFacts facts = inspector.inspect(TestImages.WEBP_1X1);

        assertThat(facts.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(facts.width()).isEqualTo(1);
        assertThat(facts.height()).isEqualTo(1);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(refusal(new byte[0])).isEqualTo("the file is empty");
    }

    @Test
    void plainTextIsNotAnImageAndSaysSo() {
        assertThat(refusal("A cat on a sofa, honestly.\n".getBytes(US_ASCII)))
                .isEqualTo("not an image: the bytes are not JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF; they look like plain text");
    }

    @Test
    void aPdfIsNotAnImageAndSaysSo() {
        assertThat(refusal("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj".getBytes(US_ASCII)))
                .isEqualTo("not an image: the bytes are not JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF; they look like a PDF document");
    }

    @Test
    void randomBytesAreNotAnImage() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);

        assertThat(refusal(noise)).isEqualTo("not an image: the bytes are not JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff"})
    void aFileCutAtSixtyPercentIsTruncated(String format) {
        byte[] whole = write(picture(200, 150), format);

        assertThat(refusal(cut(whole, 0.6))).startsWith("the image is truncated: ");
    }

    @Test
    void aBmpWhosePixelRowsDoNotFitIsTruncatedEvenWithoutAFileSize() {
        byte[] bmp = cut(write(picture(200, 150), "bmp"), 0.6);
        Arrays.fill(bmp, 2, 6, (byte) 0); // bfSize 0 means "not given"

        assertThat(refusal(bmp)).isEqualTo("the image is truncated: the BMP pixel data needs "
                + (54 + 600 * 150) + " bytes but the file has " + bmp.length);
    }

    @Test
    void aWebpShorterThanItsRiffSizeIsTruncated() {
        assertThat(refusal(cut(TestImages.WEBP_1X1, 0.6))).startsWith("the image is truncated: the WebP file has ");
    }

    @Test
    void aJpegCutInItsScanDataIsTruncatedDespiteTheEndMarkerOfItsExifThumbnail() {
        byte[] jpeg = TestImages.withExifThumbnail(write(picture(200, 150), "jpeg"), write(picture(32, 24), "jpeg"));
        int outerScan = lastIndexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA});
        byte[] cutInScan = Arrays.copyOf(jpeg, (outerScan + jpeg.length) / 2);

        assertThat(refusal(cutInScan))
                .isEqualTo("the image is truncated: the JPEG data ends before its end-of-image marker");
    }

    @Test
    void aJpegCutRightAfterItsExifThumbnailsEndMarkerIsTruncated() throws Exception {
        byte[] thumbnail = write(picture(32, 24), "jpeg");
        byte[] jpeg = TestImages.withExifThumbnail(write(picture(200, 150), "jpeg"), thumbnail);
        assertThat(inspector.inspect(jpeg).width()).isEqualTo(200);
        byte[] endsWithEoi = Arrays.copyOf(jpeg, indexOf(jpeg, thumbnail, 0) + thumbnail.length);

        assertThat(refusal(endsWithEoi))
                .isEqualTo("the image is truncated: the JPEG data ends before its end-of-image marker");
    }

    @Test
    void aProgressiveJpegWithSeveralScansIsAccepted() throws Exception {
        byte[] jpeg = TestImages.progressiveJpeg(picture(200, 150));
        assertThat(count(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA})).isGreaterThan(1);

        assertThat(inspector.inspect(jpeg).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void aJpegWithRestartMarkersInItsScanIsAccepted() throws Exception {
        byte[] jpeg = TestImages.jpegWithRestarts(picture(200, 150), 2);
        assertThat(count(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD0})).isPositive();

        assertThat(inspector.inspect(jpeg).height()).isEqualTo(150);
    }

    @Test
    void aJpegWithTrailingBytesAfterItsEndMarkerIsAccepted() throws Exception {
        byte[] jpeg = concat(write(picture(200, 150), "jpeg"), "trailing junk from a camera".getBytes(US_ASCII));

        assertThat(inspector.inspect(jpeg).width()).isEqualTo(200);
    }

    @Test
    void aPngWithAFlippedByteInItsImageDataFailsTheCrcCheck() {
        byte[] png = write(picture(200, 150), "png");
        int idat = indexOf(png, "IDAT".getBytes(US_ASCII), 8);
        png[idat + 4 + 10] ^= 0x01;

        assertThat(refusal(png)).matches("the image is corrupt: the PNG chunk IDAT at byte \\d+ fails its CRC check");
    }

    @Test
    void aJpegHeaderFollowedByGarbageIsCorrupt() {
        byte[] jpeg = write(picture(200, 150), "jpeg");
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        byte[] damaged = concat(Arrays.copyOf(jpeg, app0End), "garbage where a marker must be".getBytes(US_ASCII));

        assertThat(refusal(damaged)).startsWith("the image is corrupt: the JPEG data has no marker at byte " + app0End);
    }

    @Test
    void aPngClaimingTenGigapixelsIsRefusedFromItsHeaderAlone() {
        assertThat(refusal(TestImages.pngHeaderOnly(100_000, 100_000))).isEqualTo(
                "the image claims 100000 × 100000 pixels (10000.0 megapixels); the limit is 100.0 megapixels");
    }

    @Test
    void aRealImageAboveThePixelLimitIsRefused() {
        byte[] png = write(picture(2000, 2000), "png");

        assertThat(refusal(new ImageInspector(DEFAULT_MAX_BYTES, 1_000_000), png)).isEqualTo(
                "the image claims 2000 × 2000 pixels (4.0 megapixels); the limit is 1.0 megapixels");
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedWithBothSizes() {
        byte[] png = write(picture(200, 150), "png");
        assertThat(png.length).isBetween(1024, 1024 * 1024);

        assertThat(refusal(new ImageInspector(1000, DEFAULT_MAX_PIXELS), png))
                .matches("the file is \\d+\\.\\d KB; the limit is 1000 bytes");
    }

    @Test
    void sizesAreDescribedInBytesKilobytesAndMegabytes() {
        assertThat(ImageInspector.describeSize(1000)).isEqualTo("1000 bytes");
        assertThat(ImageInspector.describeSize(5000)).isEqualTo("4.9 KB");
        assertThat(ImageInspector.describeSize(66_270_000)).isEqualTo("63.2 MB");
        assertThat(ImageInspector.describeSize(50L * 1024 * 1024)).isEqualTo("50.0 MB");
    }

    private String refusal(byte[] bytes) {
        return refusal(inspector, bytes);
    }

    private static String refusal(ImageInspector inspector, byte[] bytes) {
        RelayException e = catchThrowableOfType(RelayException.class, () -> inspector.inspect(bytes));
        assertThat(e).as("a refusal").isNotNull();
        assertThat(e.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        return e.getMessage();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    private static int lastIndexOf(byte[] bytes, byte[] wanted) {
        int last = -1;
        for (int i = indexOf(bytes, wanted, 0); i >= 0; i = indexOf(bytes, wanted, i + 1)) {
            last = i;
        }
        return last;
    }

    private static int count(byte[] bytes, byte[] wanted) {
        int count = 0;
        for (int i = indexOf(bytes, wanted, 0); i >= 0; i = indexOf(bytes, wanted, i + 1)) {
            count++;
        }
        return count;
    }
}
