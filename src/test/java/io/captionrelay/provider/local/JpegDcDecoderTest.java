package io.captionrelay.provider.local;

import static io.captionrelay.provider.local.TestImages.gradient;
import static io.captionrelay.provider.local.TestImages.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.image.testing.ExifJpegs;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/** The DC-only JPEG reader against a full ImageIO decode of the same file. */
class JpegDcDecoderTest {

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    @Test
    void baselineChromaSubsampledMatchesBlockMeans() throws Exception {
        assertMatchesFullDecode(jpeg(gradient(640, 480), false, 0, false));
    }

    @Test
    void fullChromaMatchesBlockMeans() throws Exception {
        byte[] bytes = jpeg(gradient(640, 480), false, 0, true);
        assertThat(lumaSampling(bytes)).isEqualTo(0x11);
        assertMatchesFullDecode(bytes);
    }

    @Test
    void progressiveMatchesBlockMeans() throws Exception {
        assertMatchesFullDecode(jpeg(gradient(640, 480), true, 0, false));
    }

    @Test
    void restartIntervalsMatchBlockMeans() throws Exception {
        byte[] bytes = jpeg(gradient(640, 480), false, 3, false);
        assertThat(indexOf(bytes, (byte) 0xFF, (byte) 0xDD)).as("DRI marker").isPositive();
        assertMatchesFullDecode(bytes);
    }

    @Test
    void greyscaleMatchesBlockMeans() throws Exception {
        BufferedImage grey = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(gradient(640, 480), 0, 0, null);
        assertMatchesFullDecode(jpeg(grey, false, 0, false));
    }

    @Test
    void oddSizesAndExifSegmentsAreHandled() throws Exception {
        byte[] bytes = ExifJpegs.exif().orientation(6).make("Test").insertInto(jpeg(gradient(803, 517), false, 0, false));
        SampledImage sample = JpegDcDecoder.decode(bytes, 100);
        assertThat(sample).isNotNull();
        assertThat(sample.width()).isEqualTo(803);
        assertThat(sample.height()).isEqualTo(517);
        assertThat(sample.sampleWidth()).isEqualTo(51); // 101 × 65 blocks of 8 pixels, every other one
        assertThat(sample.sampleHeight()).isEqualTo(33);
    }

    @Test
    void samplesEveryNthBlockToStayWithinTheEdge() throws Exception {
        SampledImage sample = JpegDcDecoder.decode(jpeg(split(1600, 800, 0.5, Color.BLUE, Color.WHITE), false, 0, false), 64);
        assertThat(sample.sampleWidth()).isEqualTo(50); // 200 blocks across, every 4th
        assertThat(sample.sampleHeight()).isEqualTo(25);
        assertThat(ColourNamer.name(sample.argb()[0])).isEqualTo(Colour.BLUE);
        assertThat(ColourNamer.name(sample.argb()[49])).isEqualTo(Colour.WHITE);
    }

    @Test
    void leavesSmallImagesToImageIo() throws Exception {
        byte[] bytes = jpeg(gradient(640, 480), false, 0, false);
        assertThat(JpegDcDecoder.decode(bytes, 160)).isNotNull(); // 80 blocks across: half of 160
        assertThat(JpegDcDecoder.decode(bytes, 161)).isNull();
    }

    @Test
    void truncatedOrDamagedDataIsLeftToImageIo() throws Exception {
        byte[] bytes = jpeg(gradient(640, 480), false, 0, false);
        assertThat(JpegDcDecoder.decode(Arrays.copyOf(bytes, bytes.length / 2), 64)).isNull();
        byte[] damaged = bytes.clone();
        for (int i = bytes.length / 3; i < bytes.length / 3 + 200; i++) {
            damaged[i] = (byte) 0xFF;
        }
        assertThat(JpegDcDecoder.decode(damaged, 64)).isNull();
        assertThat(JpegDcDecoder.decode(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 64)).isNull();
    }

    /** Each sampled pixel must be the mean of its 8×8 block in the full decode, give or take rounding. */
    private static void assertMatchesFullDecode(byte[] bytes) throws Exception {
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(bytes));
        SampledImage sample = JpegDcDecoder.decode(bytes, full.getWidth() / 8);
        assertThat(sample).isNotNull();
        assertThat(sample.sampleWidth()).isEqualTo(full.getWidth() / 8);
        assertThat(sample.sampleHeight()).isEqualTo(full.getHeight() / 8);
        double totalError = 0;
        int largeErrors = 0;
        for (int by = 0; by < sample.sampleHeight(); by++) {
            for (int bx = 0; bx < sample.sampleWidth(); bx++) {
                int[] mean = new int[3];
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int p = rgb(full, bx * 8 + x, by * 8 + y);
                        mean[0] += p >> 16 & 0xFF;
                        mean[1] += p >> 8 & 0xFF;
                        mean[2] += p & 0xFF;
                    }
                }
                int p = sample.argb()[by * sample.sampleWidth() + bx];
                int[] got = {p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF};
                for (int c = 0; c < 3; c++) {
                    int error = Math.abs(Math.round(mean[c] / 64f) - got[c]);
                    totalError += error;
                    largeErrors += error > 8 ? 1 : 0;
                }
            }
        }
        double values = 3.0 * sample.argb().length;
        assertThat(totalError / values).as("mean error per channel").isLessThan(2.5);
        // only where a 16×16 chroma block straddles a sharp colour edge may a block be far off
        assertThat(largeErrors / values).as("share of errors over 8 levels").isLessThan(0.03);
    }

    /** getRGB would treat a greyscale raster as linear and lighten it; JPEG grey is already gamma-encoded. */
    private static int rgb(BufferedImage image, int x, int y) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int grey = image.getRaster().getSample(x, y, 0);
            return grey << 16 | grey << 8 | grey;
        }
        return image.getRGB(x, y);
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive, int restartInterval, boolean fullChroma) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(JPEG_METADATA);
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        if (restartInterval > 0) {
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
        }
        if (fullChroma) {
            Node luma = ((IIOMetadataNode) markers.getElementsByTagName("sof").item(0)).getElementsByTagName("componentSpec").item(0);
            ((IIOMetadataNode) luma).setAttribute("HsamplingFactor", "1");
            ((IIOMetadataNode) luma).setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(JPEG_METADATA, root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The luma component's sampling factors byte (H << 4 | V) from the SOF0 or SOF2 header. */
    private static int lumaSampling(byte[] jpeg) {
        int sof = Math.max(indexOf(jpeg, (byte) 0xFF, (byte) 0xC0), indexOf(jpeg, (byte) 0xFF, (byte) 0xC2));
        return jpeg[sof + 2 + 2 + 1 + 4 + 1 + 1] & 0xFF;
    }

    private static int indexOf(byte[] data, byte a, byte b) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }
}
