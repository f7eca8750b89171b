package io.captionrelay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HEIF containers are recognised by the brands of their ISO-BMFF ftyp box; MP4 and QuickTime brands are not images. */
class ImageFormatSniffTest {

    @ParameterizedTest(name = "major {0}, compatible [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "heic | mif1 heic miaf | HEIC",
            "heix | mif1 heix      | HEIC",
            "hevc | msf1 hevc      | HEIC",
            "heim | mif1           | HEIC",
            "heis | msf1           | HEIC",
            "mif1 | mif1 heic      | HEIC",
            "msf1 | msf1           | HEIC",
            "avif | avif mif1 miaf | AVIF",
            "avis | avis msf1      | AVIF",
            "mif1 | mif1 avif miaf | AVIF",
            "isom | isom iso2 mp41 | none",
            "mp42 | mp42 isom      | none",
            "qt__ | qt__           | none",
            "M4V_ | M4V_ mp42 isom | none",
            "3gp4 | 3gp4 isom      | none",
    })
    void should_take_heif_brands_for_images_and_nothing_else(String major, String compatible, ImageFormat expected) {
        // '_' stands for a space: QuickTime's brand is "qt  "
        byte[] file = ftyp(major.replace('_', ' '), compatible.replace('_', ' ').split(" (?=\\S)"));

        assertThat(ImageFormat.sniff(file)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"heic, HEIC", "avif, AVIF"})
    void should_read_only_the_brands_inside_the_ftyp_box(String major, ImageFormat expected) {
        // an ftyp box of 16 bytes (no compatible brands) followed by a box whose type happens to be a brand
        byte[] b = concat(ftypBox(major, new String[0]), box("avif"));

        assertThat(ImageFormat.sniff(b)).contains(expected);
        assertThat(ImageFormat.sniff(concat(ftypBox("isom", new String[0]), box("heic")))).isEmpty();
    }

    /** An ftyp box with the brands, then a little of a meta box, as a file starts. */
    private static byte[] ftyp(String major, String[] compatible) {
        return concat(ftypBox(major, compatible), box("meta"));
    }

    private static byte[] ftypBox(String major, String[] compatible) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 16 + 4 * compatible.length;
        out.writeBytes(new byte[] {0, 0, 0, (byte) size});
        out.writeBytes("ftyp".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(major.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[4]); // minor version
        for (String brand : compatible) {
            out.writeBytes(brand.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] box(String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 12});
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
