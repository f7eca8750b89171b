package io.captionrelay.provider.local;

import static io.captionrelay.testing.ExifJpegs.exif;
import static io.captionrelay.testing.ExifJpegs.jpeg;
import static io.captionrelay.testing.ExifJpegs.write;
import static io.captionrelay.testing.TestImages.solid;
import static io.captionrelay.testing.TestImages.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.ExifJpegs;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class LocalImageAnalyserTest {

    private final LocalImageAnalyser analyser = new LocalImageAnalyser(256);

    private ProviderAnswer describe(byte[] bytes) throws RelayException {
        return analyser.describe(bytes, factsFor(bytes));
    }

    @Test
    void landscapeSizeAndMegapixels() throws Exception {
        ProviderAnswer answer = describe(jpeg(solid(640, 480, Color.GRAY)));

        JsonNode raw = answer.raw();
        assertThat(raw.get("format").asText()).isEqualTo("jpeg");
        assertThat(raw.get("width").asInt()).isEqualTo(640);
        assertThat(raw.get("height").asInt()).isEqualTo(480);
        assertThat(raw.get("orientation").asText()).isEqualTo("landscape");
        assertThat(raw.get("megapixels").asDouble()).isEqualTo(0.3);
        assertThat(answer.title()).isEqualTo("Landscape JPEG, mostly grey");
        assertThat(answer.description()).startsWith("**Landscape JPEG image**, 640 × 480 pixels (0.3 megapixels).\n");
        assertThat(answer.tags()).startsWith("jpeg", "landscape", "grey");
        assertThat(answer.usage()).isEmpty();
        assertThat(answer.providerRequestId()).isNull();
    }

    @Test
    void portraitAndSquare() throws Exception {
        ProviderAnswer portrait = describe(write(solid(300, 600, Color.GRAY), "png"));
        ProviderAnswer square = describe(write(solid(500, 500, Color.GRAY), "png"));

        assertThat(portrait.raw().get("orientation").asText()).isEqualTo("portrait");
        assertThat(portrait.tags()).startsWith("png", "portrait");
        assertThat(portrait.description()).startsWith("**Portrait PNG image**, 300 × 600 pixels (0.2 megapixels).");
        assertThat(square.raw().get("orientation").asText()).isEqualTo("square");
        assertThat(square.title()).startsWith("Square PNG");
    }

    @Test
    void pureRedIsRedAllOver() throws Exception {
        ProviderAnswer answer = describe(write(solid(200, 100, Color.RED), "png"));

        JsonNode colours = answer.raw().get("colours");
        assertThat(colours).hasSize(1);
        assertThat(colours.get(0).get("name").asText()).isEqualTo("red");
        assertThat(colours.get(0).get("share").asDouble()).isEqualTo(1.0);
        assertThat(answer.title()).isEqualTo("Landscape PNG, mostly red");
        assertThat(answer.description()).contains("- Dominant colours: red (100%)\n");
        assertThat(answer.tags()).contains("red");
    }

    @Test
    void halfBlueHalfWhiteNamesBothWithTheirShares() throws Exception {
        ProviderAnswer answer = describe(write(split(400, 200, 0.5, Color.BLUE, Color.WHITE), "png"));

        JsonNode colours = answer.raw().get("colours");
        assertThat(colours).hasSize(2);
        List<String> names = List.of(colours.get(0).get("name").asText(), colours.get(1).get("name").asText());
        assertThat(names).containsExactlyInAnyOrder("blue", "white");
        assertThat(colours.get(0).get("share").asDouble()).isCloseTo(0.5, within(0.02));
        assertThat(colours.get(1).get("share").asDouble()).isCloseTo(0.5, within(0.02));
        assertThat(answer.description()).contains("blue (50%)").contains("white (50%)");
        assertThat(answer.tags()).contains("blue", "white");
    }

    @Test
    void mostlyBlueWithSomeWhiteListsBlueFirst() throws Exception {
        ProviderAnswer answer = describe(jpeg(split(800, 600, 0.7, new Color(30, 90, 200), Color.WHITE)));

        assertThat(answer.title()).isEqualTo("Landscape JPEG, mostly blue and white");
        assertThat(answer.caption()).endsWith("landscape image, mostly blue and white.");
        assertThat(answer.description()).contains("- Dominant colours: blue (70%), white (30%)\n");
    }

    @Test
    void blackIsVeryDarkAndWhiteIsVeryBright() throws Exception {
        ProviderAnswer black = describe(jpeg(solid(64, 48, Color.BLACK)));
        ProviderAnswer white = describe(jpeg(solid(64, 48, Color.WHITE)));

        assertThat(black.raw().get("brightness").asText()).isEqualTo("very dark");
        assertThat(black.raw().get("meanLuma").asDouble()).isLessThan(5);
        assertThat(black.caption()).isEqualTo("A very dark landscape image, mostly black.");
        assertThat(black.altText()).as("what the file itself shows").isEqualTo("A very dark landscape image, mostly black.");
        assertThat(black.tags()).contains("black", "very-dark");
        assertThat(white.raw().get("brightness").asText()).isEqualTo("very bright");
        assertThat(white.raw().get("meanLuma").asDouble()).isGreaterThan(250);
        assertThat(white.description()).contains("- Brightness: very bright (mean luma 255 of 255)");
        assertThat(white.tags()).contains("white", "very-bright");
    }

    @Test
    void exifOrientationSixShowsTheStoredLandscapeAsPortrait() throws Exception {
        byte[] bytes = exif().orientation(6).make("Canon").model("Canon EOS R5").insertInto(jpeg(solid(400, 200, Color.GRAY)));

        ProviderAnswer answer = describe(bytes);

        JsonNode raw = answer.raw();
        assertThat(raw.get("width").asInt()).isEqualTo(400);
        assertThat(raw.get("height").asInt()).isEqualTo(200);
        assertThat(raw.get("displayWidth").asInt()).isEqualTo(200);
        assertThat(raw.get("displayHeight").asInt()).isEqualTo(400);
        assertThat(raw.get("orientation").asText()).isEqualTo("portrait");
        assertThat(raw.get("exifOrientation").asInt()).isEqualTo(6);
        assertThat(answer.description())
                .startsWith("**Portrait JPEG image**, 200 × 400 pixels (0.1 megapixels).")
                .contains("- Stored as 400 × 200 pixels; EXIF orientation 6 turns it a quarter for display\n")
                .contains("- Camera: Canon EOS R5\n");
        assertThat(answer.tags()).contains("portrait", "exif-camera").doesNotContain("landscape", "gps");
    }

    @Test
    void exifOrientationThreeKeepsTheShape() throws Exception {
        ProviderAnswer answer = describe(exif().orientation(3).insertInto(jpeg(solid(400, 200, Color.GRAY))));

        assertThat(answer.raw().get("orientation").asText()).isEqualTo("landscape");
        assertThat(answer.raw().get("displayWidth").asInt()).isEqualTo(400);
        assertThat(answer.description()).doesNotContain("Stored as");
    }

    @Test
    void tinyImageWithGpsSaysSoWithoutCoordinates() throws Exception {
        byte[] bytes = exif().make("Apple").model("iPhone 12").dateTimeOriginal("2023:07:14 09:30:00")
                .gps(51.4778, -0.0014).insertInto(jpeg(solid(8, 8, new Color(200, 120, 40))));

        ProviderAnswer answer = describe(bytes);

        assertThat(answer.raw().get("gpsPresent").asBoolean()).isTrue();
        assertThat(answer.raw().get("camera").get("make").asText()).isEqualTo("Apple");
        assertThat(answer.raw().get("camera").get("model").asText()).isEqualTo("iPhone 12");
        assertThat(answer.raw().get("dateTaken").asText()).isEqualTo("2023-07-14T09:30:00");
        assertThat(answer.tags()).contains("gps", "exif-camera");
        assertThat(answer.description())
                .startsWith("**Square JPEG image**, 8 × 8 pixels (under 0.1 megapixels).")
                .contains("- GPS location: present in metadata\n")
                .contains("- Camera: Apple iPhone 12\n")
                .contains("- Date taken: 2023-07-14 09:30:00 (as recorded by the camera)\n")
                .doesNotContain("51").doesNotContain("0.0014").doesNotContain("°").doesNotContainIgnoringCase("latitude");
        assertThat(answer.raw().toString()).doesNotContain("51.4").doesNotContainIgnoringCase("latitude");
    }

    @Test
    void withoutExifNothingIsInvented() throws Exception {
        ProviderAnswer answer = describe(jpeg(solid(320, 240, Color.GREEN)));

        assertThat(answer.description()).doesNotContain("Camera").doesNotContain("Date taken").doesNotContain("GPS")
                .doesNotContain("Stored as").endsWith(LocalDescriptionWriter.OFFLINE_NOTE);
        assertThat(answer.tags()).doesNotContain("exif-camera", "gps");
        JsonNode raw = answer.raw();
        assertThat(raw.get("camera").isNull()).isTrue();
        assertThat(raw.get("dateTaken").isNull()).isTrue();
        assertThat(raw.get("gpsPresent").asBoolean()).isFalse();
        assertThat(raw.get("exifOrientation").isNull()).isTrue();
    }

    @Test
    void fullyTransparentPixelsAreLeftOut() throws Exception {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                image.setRGB(x, y, x < 70 ? 0x00FF0000 : 0xFF00A000); // transparent "red", then opaque green
            }
        }

        ProviderAnswer answer = describe(write(image, "png"));

        JsonNode colours = answer.raw().get("colours");
        assertThat(colours).hasSize(1);
        assertThat(colours.get(0).get("name").asText()).isEqualTo("green");
        assertThat(colours.get(0).get("share").asDouble()).isEqualTo(1.0);
        assertThat(answer.raw().get("transparentShare").asDouble()).isCloseTo(0.7, within(0.02));
        assertThat(answer.description()).contains("- Transparency: 70% of the pixels are fully transparent");
        assertThat(answer.tags()).doesNotContain("red");
    }

    @Test
    void anImageWithNoVisiblePixelClaimsNoColour() throws Exception {
        ProviderAnswer answer = describe(write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB), "png"));

        assertThat(answer.title()).isEqualTo("Square PNG, fully transparent");
        assertThat(answer.caption()).isEqualTo("A fully transparent square image.");
        assertThat(answer.raw().get("colours")).isEmpty();
        assertThat(answer.raw().get("meanLuma").isNull()).isTrue();
        assertThat(answer.description()).doesNotContain("Brightness").doesNotContain("Dominant");
        assertThat(answer.tags()).containsExactly("png", "square", "transparent");
    }

    @Test
    void greyscaleKeepsItsLevels() throws Exception {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 64, 64, 0, filled(64 * 64, 100));

        ProviderAnswer png = describe(write(grey, "png"));
        ProviderAnswer jpeg = describe(jpeg(grey));

        // getRGB on a grey raster would report about 170 here: it takes the grey for linear light
        assertThat(png.raw().get("meanLuma").asDouble()).isCloseTo(100, within(0.5));
        assertThat(jpeg.raw().get("meanLuma").asDouble()).isCloseTo(100, within(1.5));
        assertThat(png.title()).isEqualTo("Square PNG, mostly grey");
        assertThat(png.raw().get("brightness").asText()).isEqualTo("medium");
        assertThat(png.caption()).isEqualTo("A medium-brightness square image, mostly grey.");
        assertThat(png.tags()).contains("medium-brightness");
    }

    @Test
    void greyscaleAlphaPngKeepsLevelsAndTransparency() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, x < 32 ? 0 : 0xFF505050);
            }
        }
        byte[] png = greyAlphaPng(image);

        ProviderAnswer answer = describe(png);

        assertThat(answer.raw().get("meanLuma").asDouble()).isCloseTo(0x50, within(0.5));
        assertThat(answer.raw().get("transparentShare").asDouble()).isCloseTo(0.5, within(0.01));
    }

    @Test
    void gifIsReadFromItsFirstFrame() throws Exception {
        ProviderAnswer answer = describe(twoFrameGif(solid(60, 40, Color.RED), solid(60, 40, Color.BLUE)));

        assertThat(answer.raw().get("format").asText()).isEqualTo("gif");
        assertThat(answer.raw().get("width").asInt()).isEqualTo(60);
        assertThat(answer.title()).isEqualTo("Landscape GIF, mostly red");
    }

    @Test
    void bmpAndTiffDecode() throws Exception {
        ProviderAnswer bmp = describe(write(solid(90, 60, new Color(250, 220, 30)), "bmp"));
        ProviderAnswer tiff = describe(write(solid(60, 90, new Color(0, 128, 128)), "tiff"));

        assertThat(bmp.title()).isEqualTo("Landscape BMP, mostly yellow");
        assertThat(bmp.tags()).startsWith("bmp");
        assertThat(tiff.title()).isEqualTo("Portrait TIFF, mostly teal");
        assertThat(tiff.raw().get("height").asInt()).isEqualTo(90);
    }

    @Test
    void largeImagesAreSampledNotDecodedWhole() throws Exception {
        ProviderAnswer answer = describe(write(split(3000, 1000, 0.25, Color.BLACK, Color.WHITE), "png"));

        assertThat(answer.raw().get("sampledPixels").asInt()).isLessThanOrEqualTo(256 * 86);
        assertThat(answer.description()).contains("white (75%), black (25%)");
    }

    @Test
    void twelveMegapixelJpeg() throws Exception {
        BufferedImage image = solid(4000, 3000, new Color(70, 130, 220));
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 150, 60));
        g.fillRect(0, 2000, 4000, 1000);
        g.dispose();

        ProviderAnswer answer = describe(jpeg(image));

        assertThat(answer.description()).startsWith("**Landscape JPEG image**, 4000 × 3000 pixels (12.0 megapixels).");
        assertThat(answer.title()).isEqualTo("Landscape JPEG, mostly blue and green");
        JsonNode colours = answer.raw().get("colours");
        assertThat(colours.get(0).get("share").asDouble()).isCloseTo(2 / 3.0, within(0.01));
        assertThat(colours.get(1).get("share").asDouble()).isCloseTo(1 / 3.0, within(0.01));
        assertThat(answer.raw().get("sampledPixels").asInt()).isLessThanOrEqualTo(256 * 256);
    }

    @Test
    void jpegHeaderFollowedByGarbageIsBadInput() {
        byte[] bytes = new byte[2000];
        new Random(1).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;

        assertThatThrownBy(() -> describe(bytes))
                .isInstanceOf(RelayException.class)
                .satisfies(e -> assertThat(((RelayException) e).errorClass()).isEqualTo(ErrorClass.BAD_INPUT))
                .hasMessageStartingWith("The JPEG image could not be decoded");
    }

    @Test
    void emptyAndUnknownBytesAreBadInput() {
        assertThatThrownBy(() -> analyser.describe(new byte[0], null))
                .isInstanceOf(RelayException.class).hasMessage("The image is empty.");
        assertThatThrownBy(() -> analyser.describe("just some text, not an image".getBytes(), null))
                .isInstanceOf(RelayException.class)
                .satisfies(e -> assertThat(((RelayException) e).errorClass()).isEqualTo(ErrorClass.BAD_INPUT));
    }

    @Test
    void concurrentCallsGiveTheSameAnswers() throws Exception {
        List<byte[]> images = List.of(
                jpeg(split(800, 600, 0.5, Color.BLUE, Color.WHITE)),
                write(solid(50, 70, Color.RED), "png"),
                exif().orientation(8).make("Nikon").gps(10, 20).insertInto(jpeg(solid(300, 200, Color.DARK_GRAY))));
        List<ProviderAnswer> expected = new ArrayList<>();
        for (byte[] image : images) {
            expected.add(describe(image));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ProviderAnswer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                byte[] image = images.get(i % images.size());
                calls.add(() -> describe(image));
            }
            List<Future<ProviderAnswer>> results = pool.invokeAll(calls);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % images.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] filled(int length, int value) {
        int[] values = new int[length];
        Arrays.fill(values, value);
        return values;
    }

    /** An 8-bit grey + alpha PNG (colour type 4) with the image's red channel as grey. */
    private static byte[] greyAlphaPng(BufferedImage argb) {
        ColorSpace grey = ColorSpace.getInstance(ColorSpace.CS_GRAY);
        ComponentColorModel model = new ComponentColorModel(grey, true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(argb.getWidth(), argb.getHeight());
        for (int y = 0; y < argb.getHeight(); y++) {
            for (int x = 0; x < argb.getWidth(); x++) {
                int p = argb.getRGB(x, y);
                raster.setSample(x, y, 0, p >> 16 & 0xFF);
                raster.setSample(x, y, 1, p >>> 24);
            }
        }
        return write(new BufferedImage(model, raster, false, null), "png");
    }

    private static byte[] twoFrameGif(BufferedImage first, BufferedImage second) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : List.of(first, second)) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Intake's facts with the sniffed format; sizes are left 0 because the analyser reads them from the file. */
    private static ImageFacts factsFor(byte[] bytes) {
        return new ImageFacts("0".repeat(64), ImageFormat.sniff(bytes).orElseThrow(), 0, 0, bytes.length);
    }
}
