package io.captionrelay.image;

import static io.captionrelay.image.PreparedImages.assertSendable;
import static io.captionrelay.image.PreparedImages.blue;
import static io.captionrelay.image.PreparedImages.facts;
import static io.captionrelay.image.PreparedImages.green;
import static io.captionrelay.image.PreparedImages.metadata;
import static io.captionrelay.image.PreparedImages.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.ExifJpegs;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImagePreparerMetadataTest {

    private static final double LATITUDE = 48.8584;
    private static final double LONGITUDE = 2.2945;

    private final ImagePreparer preparer = new ImagePreparer();
    private final ImageRequirements imagedescriber = ProviderLimits.IMAGEDESCRIBER.requirements();

    @Test
    void aCompliantImageIsSentByteForByte() throws Exception {
        byte[] jpeg = TestImages.write(TestImages.picture(320, 240), "jpeg");

        PreparedImage prepared = preparer.prepare(jpeg, facts(jpeg), imagedescriber);

        assertThat(prepared.unchanged()).isTrue();
        assertThat(prepared.bytes()).isEqualTo(jpeg);
        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(prepared.width()).isEqualTo(320);
        assertThat(prepared.height()).isEqualTo(240);
    }

    @Test
    void aCompliantImageIsNotDecoded() throws Exception {
        byte[] headerOnly = TestImages.pngHeaderOnly(4000, 3000); // any decode of it fails: it has no pixel data
        ImageFacts facts = new ImageFacts("-", ImageFormat.PNG, 4000, 3000, headerOnly.length);

        PreparedImage prepared = preparer.prepare(headerOnly, facts, imagedescriber);

        assertThat(prepared.unchanged()).isTrue();
        assertThat(prepared.bytes()).isEqualTo(headerOnly);
        assertThat(prepared.width()).isEqualTo(4000);
        assertThat(prepared.height()).isEqualTo(3000);
    }

    @Test
    void theSameHeaderOnlyImageFailsAsSoonAsItMustBeDecoded() {
        byte[] headerOnly = TestImages.pngHeaderOnly(4000, 3000);
        ImageFacts facts = new ImageFacts("-", ImageFormat.PNG, 4000, 3000, headerOnly.length);
        ImageRequirements jpegOnly = new ImageRequirements(Set.of(ImageFormat.JPEG), ProviderLimits.MB, false);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> preparer.prepare(headerOnly, facts, jpegOnly));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).startsWith("the image is corrupt: the PNG pixels can't be decoded");
    }

    @Test
    void aCompliantJpegLosesItsGpsWithoutItsPixelsBeingTouchedWhenOrientationIsLeftToTheProvider() throws Exception {
        byte[] plain = TestImages.write(TestImages.picture(400, 200), "jpeg");
        byte[] located = ExifJpegs.exif().orientation(6).make("Canon").gps(LATITUDE, LONGITUDE).insertInto(plain);
        assertThat(metadata(located).containsDirectoryOfType(GpsDirectory.class)).isTrue();
        assertThat(TestImages.indexOf(located, latitudeRational(), 0)).isPositive();

        // apply-orientation=false: the tag goes with the image, so only the location is cut out
        PreparedImage prepared = preparer.prepare(located, facts(located), imagedescriber.sending(true, false));

        assertThat(prepared.unchanged()).isFalse();
        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        Metadata metadata = metadata(prepared.bytes());
        assertThat(metadata.containsDirectoryOfType(GpsDirectory.class)).isFalse();
        assertThat(TestImages.indexOf(prepared.bytes(), latitudeRational(), 0)).as("raw latitude bytes").isEqualTo(-1);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(6);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo("Canon");
        // everything after the EXIF segment, the scan data included, is the original's
        assertThat(prepared.bytes()).endsWith(Arrays.copyOfRange(plain, 2, plain.length));
        assertThat(prepared.width()).as("displayed width").isEqualTo(200);
        assertThat(prepared.height()).as("displayed height").isEqualTo(400);
    }

    @Test
    void gpsStaysWhenTheUserOptsIn() throws Exception {
        byte[] located = ExifJpegs.exif().gps(LATITUDE, LONGITUDE).insertInto(TestImages.write(TestImages.picture(400, 200), "jpeg"));

        PreparedImage prepared = preparer.prepare(located, facts(located), ProviderLimits.IMAGEDESCRIBER.keepingGps());

        assertThat(prepared.unchanged()).isTrue();
        assertThat(prepared.bytes()).isEqualTo(located);
        assertThat(metadata(prepared.bytes()).containsDirectoryOfType(GpsDirectory.class)).isTrue();
    }

    @Test
    void anXmpLocationGoesToo() throws Exception {
        byte[] plain = TestImages.write(TestImages.picture(400, 200), "jpeg");
        byte[] located = ExifJpegs.insertXmp(plain, ExifJpegs.xmpWithGps("48,51.504N", "2,17.67E"));
        assertThat(xmpProperties(located)).containsKey("exif:GPSLatitude");

        PreparedImage prepared = preparer.prepare(located, facts(located), imagedescriber);

        assertThat(xmpProperties(prepared.bytes())).doesNotContainKey("exif:GPSLatitude");
        assertThat(prepared.bytes()).endsWith(Arrays.copyOfRange(plain, 2, plain.length));
        assertThat(prepared.bytes()).hasSize(plain.length);
    }

    @Test
    void aPngWithGpsInItsExifChunkIsReEncodedAsAPngWithout() throws Exception {
        byte[] located = ExifJpegs.exif().gps(LATITUDE, LONGITUDE).insertIntoPng(TestImages.write(TestImages.picture(320, 240), "png"));
        assertThat(metadata(located).containsDirectoryOfType(GpsDirectory.class)).isTrue();

        PreparedImage prepared = preparer.prepare(located, facts(located), imagedescriber);

        assertSendable(prepared, imagedescriber);
        assertThat(prepared.format()).isEqualTo(ImageFormat.PNG);
        assertThat(prepared.unchanged()).isFalse();
        assertThat(metadata(prepared.bytes()).containsDirectoryOfType(GpsDirectory.class)).isFalse();
        assertThat(prepared.width()).isEqualTo(320);
        assertThat(prepared.height()).isEqualTo(240);
    }

    @Test
    void aConvertedImageIsTurnedUpright() throws Exception {
        BufferedImage stored = TestImages.solid(400, 200, Color.WHITE);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 50); // top left as stored: top right once turned 90° clockwise
        g.dispose();
        byte[] jpeg = ExifJpegs.exif().orientation(6).insertInto(TestImages.write(stored, "jpeg"));
        ImageRequirements pngOnly = new ImageRequirements(Set.of(ImageFormat.PNG), ProviderLimits.MB, false);

        PreparedImage prepared = preparer.prepare(jpeg, facts(jpeg), pngOnly);

        BufferedImage displayed = assertSendable(prepared, pngOnly);
        assertThat(prepared.width()).isEqualTo(200);
        assertThat(prepared.height()).isEqualTo(400);
        assertThat(red(displayed.getRGB(175, 25))).isGreaterThan(200);
        assertThat(green(displayed.getRGB(175, 25))).isLessThan(60);
        assertThat(blue(displayed.getRGB(25, 25))).as("top left is white").isGreaterThan(200);
    }

    @Test
    void aFittingJpegWithAnOrientationIsTurnedUprightInItsPixelsByDefault() throws Exception {
        BufferedImage stored = TestImages.solid(400, 200, Color.WHITE);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 50); // top left as stored: top right once turned 90° clockwise
        g.dispose();
        byte[] jpeg = ExifJpegs.exif().orientation(6).make("Canon").insertInto(TestImages.write(stored, "jpeg"));

        PreparedImage prepared = preparer.prepare(jpeg, facts(jpeg), imagedescriber);

        assertThat(prepared.unchanged()).isFalse();
        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        BufferedImage displayed = assertSendable(prepared, imagedescriber);
        assertThat(displayed.getWidth()).isEqualTo(200);
        assertThat(displayed.getHeight()).isEqualTo(400);
        assertThat(red(displayed.getRGB(175, 25))).isGreaterThan(200);
        assertThat(green(displayed.getRGB(175, 25))).isLessThan(60);
        assertThat(blue(displayed.getRGB(25, 25))).as("top left is white").isGreaterThan(200);
        assertThat(metadata(prepared.bytes()).containsDirectoryOfType(ExifIFD0Directory.class)).as("no tag to turn it again").isFalse();
    }

    @Test
    void aShrunkImageIsTurnedUprightAndCarriesNoMetadata() throws Exception {
        byte[] jpeg = ExifJpegs.exif().orientation(6).gps(LATITUDE, LONGITUDE)
                .insertInto(TestImages.jpeg(TestImages.grainyPicture(1600, 800, 3), 0.95f));
        ImageRequirements small = new ImageRequirements(Set.of(ImageFormat.JPEG), 100 * 1024, false);

        PreparedImage prepared = preparer.prepare(jpeg, facts(jpeg), small);

        assertSendable(prepared, small);
        assertThat(prepared.height()).isGreaterThan(prepared.width());
        assertThat(prepared.height()).isCloseTo(2 * prepared.width(), within(1));
        Metadata metadata = metadata(prepared.bytes());
        assertThat(metadata.containsDirectoryOfType(GpsDirectory.class)).isFalse();
        assertThat(metadata.containsDirectoryOfType(ExifIFD0Directory.class)).isFalse();
    }

    @Test
    void aCompliantJpegWithAnOrientationIsSentAsItIsWithItsDisplayedSizeWhenOrientationIsLeftToTheProvider() throws Exception {
        byte[] jpeg = ExifJpegs.exif().orientation(6).insertInto(TestImages.write(TestImages.picture(400, 200), "jpeg"));

        PreparedImage prepared = preparer.prepare(jpeg, facts(jpeg), imagedescriber.sending(true, false));

        assertThat(prepared.unchanged()).isTrue();
        assertThat(prepared.bytes()).isEqualTo(jpeg);
        assertThat(prepared.width()).isEqualTo(200);
        assertThat(prepared.height()).isEqualTo(400);
    }

    /** The GPSLatitude value as ExifJpegs writes it: degrees, minutes and hundredths of seconds as rationals. */
    private static byte[] latitudeRational() {
        int degrees = (int) LATITUDE;
        int minutes = (int) ((LATITUDE - degrees) * 60);
        long hundredths = Math.round(((LATITUDE - degrees) * 60 - minutes) * 60 * 100);
        return ByteBuffer.allocate(24).putInt(degrees).putInt(1).putInt(minutes).putInt(1).putInt((int) hundredths).putInt(100).array();
    }

    private static Map<String, String> xmpProperties(byte[] jpeg) {
        XmpDirectory xmp = metadata(jpeg).getFirstDirectoryOfType(XmpDirectory.class);
        return xmp == null ? Map.of() : xmp.getXmpProperties();
    }
}
