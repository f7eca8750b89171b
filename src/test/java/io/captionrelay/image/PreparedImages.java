package io.captionrelay.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Shared checks for the ImagePreparer tests. */
final class PreparedImages {

    private static final ImageInspector INSPECTOR = new ImageInspector(200L * 1024 * 1024, 100_000_000);

    private PreparedImages() {
    }

    static ImageFacts facts(byte[] bytes) {
        try {
            return INSPECTOR.inspect(bytes);
        } catch (RelayException e) {
            throw new AssertionError("the test image is refused at intake: " + e.getMessage(), e);
        }
    }

    /** The prepared bytes are what they claim to be, fit the provider, and decode to the declared size. */
    static BufferedImage assertSendable(PreparedImage prepared, ImageRequirements requirements) {
        assertThat(requirements.formats()).contains(prepared.format());
        assertThat((long) prepared.bytes().length).isLessThanOrEqualTo(requirements.maxBytes());
        assertThat(ImageFormat.sniff(prepared.bytes())).contains(prepared.format());
        assertThat(prepared.dataUri()).startsWith("data:" + prepared.format().mimeType() + ";base64,");
        BufferedImage decoded = decode(prepared.bytes());
        if (!prepared.unchanged()) { // an unchanged original may carry an EXIF orientation: its display size differs
            assertThat(decoded.getWidth()).as("width").isEqualTo(prepared.width());
            assertThat(decoded.getHeight()).as("height").isEqualTo(prepared.height());
        }
        return decoded;
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("decodes").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Metadata metadata(byte[] bytes) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (Exception e) {
            throw new AssertionError("metadata-extractor can't read the bytes", e);
        }
    }

    static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }

    static int alpha(int argb) {
        return argb >>> 24;
    }
}
