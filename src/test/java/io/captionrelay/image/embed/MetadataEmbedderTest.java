package io.captionrelay.image.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.junit.jupiter.api.Test;

/**
 * Copies with metadata, read back with readers other than the writer: metadata-extractor for the IPTC and XMP
 * directories (and its own XMP parse), ImageIO for the pixels, a CRC check of every PNG chunk. Existing metadata
 * comes from yet another writer (commons-imaging).
 */
class MetadataEmbedderTest {

    static final String TITLE = "Café à Zürich — 東京";
    static final String DESCRIPTION = "Tables on a terrace by the lake; a tram passes. 夜の街。";
    static final String ALT = "People at café tables beside a lake in Zürich";
    static final MetadataFields FIELDS = new MetadataFields(TITLE, DESCRIPTION, "A café terrace by the lake.", ALT,
            List.of("café", "Zürich", "東京"), "fr",
            new MetadataFields.Provenance("openai", "chat_completions", "gpt-4o-mini", "ab".repeat(32),
                    Instant.parse("2026-12-06T04:00:00Z")));

    private static final String OLD_XMP = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <dc:subject><rdf:Bag><rdf:li>harbour</rdf:li><rdf:li>Café</rdf:li></rdf:Bag></dc:subject>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">My own words</rdf:li></rdf:Alt></dc:description>
            <xmp:Rating>4</xmp:Rating>
            </rdf:Description></rdf:RDF></x:xmpmeta>""";

    /** A JPEG with EXIF-free JFIF, an XMP packet and an IPTC block (in ISO-8859-1, no 1:90) from commons-imaging. */
    static byte[] jpegWithMetadata() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, java.awt.Color.ORANGE);
        ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(jpeg, withXmp, OLD_XMP);
        ByteArrayOutputStream withIptc = new ByteArrayOutputStream();
        List<IptcRecord> records = List.of(new IptcRecord(IptcTypes.KEYWORDS, "harbour"),
                new IptcRecord(IptcTypes.KEYWORDS, "Zürichsee"), new IptcRecord(IptcTypes.CAPTION_ABSTRACT, "My own words"));
        new JpegIptcRewriter().writeIptc(withXmp.toByteArray(), withIptc, new PhotoshopApp13Data(records, new ArrayList<>()));
        return withIptc.toByteArray();
    }

    static Metadata read(byte[] image) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
    }

    static XMPMeta xmp(byte[] image) throws Exception {
        XmpDirectory directory = read(image).getFirstDirectoryOfType(XmpDirectory.class);
        assertThat(directory).as("an XMP directory").isNotNull();
        assertThat(directory.getErrors()).isEmpty();
        return directory.getXMPMeta();
    }

    static List<String> subjects(XMPMeta meta) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 1; i <= meta.countArrayItems(XMPConst.NS_DC, "subject"); i++) {
            subjects.add(meta.getArrayItem(XMPConst.NS_DC, "subject", i).getValue());
        }
        return subjects;
    }

    static String alt(XMPMeta meta, String ns, String name, String lang) throws Exception {
        return meta.getLocalizedText(ns, name, "", lang).getValue();
    }

    /** The fields every format carries in XMP, checked one by one. */
    static void assertOurXmp(XMPMeta meta) throws Exception {
        assertThat(alt(meta, XMPConst.NS_DC, "title", "x-default")).isEqualTo(TITLE);
        assertThat(alt(meta, XMPConst.NS_DC, "title", "fr")).isEqualTo(TITLE);
        assertThat(alt(meta, XMPConst.NS_IPTCCORE, "AltTextAccessibility", "x-default")).isEqualTo(ALT);
        assertThat(meta.getPropertyString(XMPConst.NS_PHOTOSHOP, "Headline")).isEqualTo("A café terrace by the lake.");
        assertThat(meta.getPropertyString(XmpWriter.NS_CR, "provider")).isEqualTo("openai");
        assertThat(meta.getPropertyString(XmpWriter.NS_CR, "operation")).isEqualTo("chat_completions");
        assertThat(meta.getPropertyString(XmpWriter.NS_CR, "model")).isEqualTo("gpt-4o-mini");
        assertThat(meta.getPropertyString(XmpWriter.NS_CR, "imageSha256")).isEqualTo("ab".repeat(32));
        assertThat(meta.getPropertyString(XmpWriter.NS_CR, "describedAt")).isEqualTo("2026-12-06T04:00:00Z");
    }

    static BufferedImage pixels(byte[] image) throws Exception {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
        assertThat(decoded).as("still decodes").isNotNull();
        return decoded;
    }

    static void assertSamePixels(byte[] original, byte[] copy) throws Exception {
        BufferedImage a = pixels(original);
        BufferedImage b = pixels(copy);
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        assertThat(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()))
                .isEqualTo(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
    }

    @Test
    void jpeg_gets_xmp_and_utf8_iptc_keeps_existing_keywords_and_its_scan_bytes_and_leaves_the_original_alone() throws Exception {
        byte[] original = jpegWithMetadata();
        byte[] before = original.clone();

        byte[] copy = MetadataEmbedder.embed(original, ImageFormat.JPEG, FIELDS, WriteMode.MERGE);

        assertThat(original).as("the original, byte for byte").isEqualTo(before);
        XMPMeta meta = xmp(copy);
        assertOurXmp(meta);
        assertThat(subjects(meta)).as("existing keywords kept, ours added once (ignoring case)")
                .containsExactly("harbour", "Café", "Zürich", "東京");
        assertThat(alt(meta, XMPConst.NS_DC, "description", "x-default")).as("the existing description stays").isEqualTo("My own words");
        assertThat(alt(meta, XMPConst.NS_DC, "description", "fr")).isEqualTo(DESCRIPTION);
        assertThat(meta.getPropertyInteger("http://ns.adobe.com/xap/1.0/", "Rating")).as("other properties kept").isEqualTo(4);

        IptcDirectory iptc = read(copy).getFirstDirectoryOfType(IptcDirectory.class);
        assertThat(iptc.getErrors()).isEmpty();
        assertThat(iptc.getString(IptcDirectory.TAG_CODED_CHARACTER_SET)).isEqualTo("UTF-8");
        assertThat(iptc.getString(IptcDirectory.TAG_OBJECT_NAME)).isEqualTo(TITLE);
        assertThat(iptc.getStringArray(IptcDirectory.TAG_KEYWORDS)).as("ISO-8859-1 keywords carried into UTF-8")
                .containsExactly("harbour", "Zürichsee", "café", "Zürich", "東京");
        assertThat(iptc.getString(IptcDirectory.TAG_CAPTION)).as("the existing caption stays (merge)").isEqualTo("My own words");

        int scan = TestImages.indexOf(original, new byte[] {(byte) 0xFF, (byte) 0xDA}, 2);
        byte[] scanAndAfter = java.util.Arrays.copyOfRange(original, scan, original.length);
        assertThat(java.util.Arrays.copyOfRange(copy, copy.length - scanAndAfter.length, copy.length))
                .as("the entropy-coded data is copied byte for byte").isEqualTo(scanAndAfter);
        assertSamePixels(original, copy);
    }

    @Test
    void jpeg_replace_mode_drops_the_images_own_keywords_and_caption() throws Exception {
        byte[] copy = MetadataEmbedder.embed(jpegWithMetadata(), ImageFormat.JPEG, FIELDS, WriteMode.REPLACE);

        XMPMeta meta = xmp(copy);
        assertThat(subjects(meta)).containsExactly("café", "Zürich", "東京");
        assertThat(alt(meta, XMPConst.NS_DC, "description", "x-default")).isEqualTo(DESCRIPTION);
        IptcDirectory iptc = read(copy).getFirstDirectoryOfType(IptcDirectory.class);
        assertThat(iptc.getStringArray(IptcDirectory.TAG_KEYWORDS)).containsExactly("café", "Zürich", "東京");
        assertThat(iptc.getString(IptcDirectory.TAG_CAPTION)).isEqualTo(DESCRIPTION);
    }

    @Test
    void jpeg_without_metadata_gets_both_blocks_and_a_second_pass_replaces_rather_than_adds_segments() throws Exception {
        byte[] plain = TestImages.jpeg(40, 30, java.awt.Color.BLUE);
        byte[] once = MetadataEmbedder.embed(plain, ImageFormat.JPEG, FIELDS, WriteMode.MERGE);
        byte[] twice = MetadataEmbedder.embed(once, ImageFormat.JPEG, FIELDS, WriteMode.MERGE);

        assertOurXmp(xmp(twice));
        assertThat(count(twice, JpegEmbedder.XMP_HEADER)).isEqualTo(1);
        assertThat(count(twice, "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1);
        assertThat(read(twice).getFirstDirectoryOfType(IptcDirectory.class).getStringArray(IptcDirectory.TAG_KEYWORDS))
                .containsExactly("café", "Zürich", "東京");
        assertSamePixels(plain, twice);
    }

    @Test
    void png_gets_an_itxt_xmp_chunk_with_correct_crcs_before_its_image_data() throws Exception {
        byte[] original = TestImages.noisyPng(30, 20);
        byte[] before = original.clone();

        byte[] copy = MetadataEmbedder.embed(original, ImageFormat.PNG, FIELDS, WriteMode.MERGE);

        assertThat(original).isEqualTo(before);
        assertOurXmp(xmp(copy));
        assertThat(subjects(xmp(copy))).containsExactly("café", "Zürich", "東京");
        List<String> types = pngChunksWithValidCrc(copy);
        assertThat(types.indexOf("iTXt")).isPositive().isLessThan(types.indexOf("IDAT"));
        assertSamePixels(original, copy);

        byte[] again = MetadataEmbedder.embed(copy, ImageFormat.PNG, new MetadataFields(null, null, null, null,
                List.of("lake"), null, FIELDS.provenance()), WriteMode.MERGE);
        assertThat(pngChunksWithValidCrc(again).stream().filter("iTXt"::equals).count()).isEqualTo(1);
        assertThat(subjects(xmp(again))).containsExactly("café", "Zürich", "東京", "lake");
    }

    @Test
    void webp_gets_a_vp8x_header_with_the_xmp_flag_and_an_xmp_chunk_and_merges_on_a_second_pass() throws Exception {
        byte[] original = TestImages.WEBP_1X1.clone();

        byte[] copy = MetadataEmbedder.embed(original, ImageFormat.WEBP, FIELDS, WriteMode.MERGE);

        assertThat(original).isEqualTo(TestImages.WEBP_1X1);
        assertThat(new String(copy, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8X");
        assertThat(copy[20] & 0x04).as("the XMP flag").isEqualTo(0x04);
        assertThat(ByteBuffer.wrap(copy, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).as("RIFF size").isEqualTo(copy.length - 8);
        assertOurXmp(xmp(copy));
        assertSamePixels(original, copy);

        byte[] again = MetadataEmbedder.embed(copy, ImageFormat.WEBP, new MetadataFields(null, null, null, null,
                List.of("lake"), null, FIELDS.provenance()), WriteMode.MERGE);
        assertThat(webpChunks(again)).containsExactly("VP8X", "VP8L", "XMP ");
        assertThat(subjects(xmp(again))).containsExactly("café", "Zürich", "東京", "lake");
        assertSamePixels(original, again);
    }

    @Test
    void tiff_gets_xmp_in_tag_700_with_the_pixels_unchanged() throws Exception {
        byte[] original = TestImages.write(TestImages.gradient(24, 16), "tiff");
        byte[] before = original.clone();

        byte[] copy = MetadataEmbedder.embed(original, ImageFormat.TIFF, FIELDS, WriteMode.MERGE);

        assertThat(original).isEqualTo(before);
        assertOurXmp(xmp(copy));
        assertThat(subjects(xmp(copy))).containsExactly("café", "Zürich", "東京");
        assertSamePixels(original, copy);
    }

    @Test
    void a_sidecar_is_a_bare_xmp_document_that_merges_into_an_earlier_one() throws Exception {
        byte[] first = MetadataEmbedder.sidecar(java.util.Optional.empty(), FIELDS, WriteMode.MERGE);
        byte[] second = MetadataEmbedder.sidecar(java.util.Optional.of(first), new MetadataFields(null, null, null, null,
                List.of("lake"), null, FIELDS.provenance()), WriteMode.MERGE);

        String text = new String(second, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("<?xpacket").contains("x:xmpmeta");
        XMPMeta meta = XMPMetaFactory.parseFromBuffer(second);
        assertOurXmp(meta);
        assertThat(subjects(meta)).containsExactly("café", "Zürich", "東京", "lake");
    }

    @Test
    void other_formats_are_refused_by_name() {
        assertThat(MetadataEmbedder.supports(ImageFormat.GIF)).isFalse();
        assertThatThrownBy(() -> MetadataEmbedder.embed(new byte[10], ImageFormat.GIF, FIELDS, WriteMode.MERGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GIF");
    }

    /** The chunk types of a PNG, after checking every chunk's CRC. */
    static List<String> pngChunksWithValidCrc(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        while (b.remaining() >= 12) {
            int length = b.getInt();
            byte[] typeAndData = new byte[4 + length];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertThat(b.getInt()).as("CRC of " + type).isEqualTo((int) crc.getValue());
            types.add(type);
        }
        return types;
    }

    static List<String> webpChunks(byte[] webp) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        while (b.remaining() >= 8) {
            byte[] type = new byte[4];
            b.get(type);
            int size = b.getInt();
            types.add(new String(type, StandardCharsets.US_ASCII));
            b.position(b.position() + size + size % 2);
        }
        return types;
    }

    static int count(byte[] bytes, byte[] wanted) {
        int n = 0;
        for (int at = TestImages.indexOf(bytes, wanted, 0); at >= 0; at = TestImages.indexOf(bytes, wanted, at + 1)) {
            n++;
        }
        return n;
    }
}
