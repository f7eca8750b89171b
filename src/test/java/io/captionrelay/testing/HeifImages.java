package io.captionrelay.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The HEIC and AVIF test images (src/test/resources/heif, 64 × 48, red left half, blue right half, EXIF from an
 * "Apple iPhone 13" taken 2024-05-17 10:30:00). Loading one fails the test, never skips it, when libheif's
 * heif-convert is not installed: these tests run real decodes.
 */
public final class HeifImages {

    public static final String INSTALL = "the HEIC/AVIF tests need libheif's heif-convert on PATH: "
            + "install the Debian/Ubuntu package libheif-examples (apt-get install libheif-examples)";

    private HeifImages() {
    }

    public static byte[] heic() {
        return load("photo.heic");
    }

    public static byte[] avif() {
        return load("photo.avif");
    }

    /** The HEIC with its coded picture data overwritten: its boxes are whole, libheif can't decode it. */
    public static byte[] corruptHeic() {
        byte[] heic = heic();
        int mdat = TestImages.indexOf(heic, "mdat".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
        Arrays.fill(heic, mdat + 4, mdat + 12, (byte) 0xFF);
        return heic;
    }

    private static byte[] load(String name) {
        requireHeifConvert();
        try (InputStream in = HeifImages.class.getResourceAsStream("/heif/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails with the install hint unless heif-convert is an executable file on PATH. */
    public static void requireHeifConvert() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "heif-convert")).anyMatch(Files::isExecutable);
        if (!found) {
            fail(INSTALL);
        }
    }
}
