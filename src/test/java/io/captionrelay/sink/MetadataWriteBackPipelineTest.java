package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The xmp-sidecar and embedded-copy sinks in the running app: files in the outbox, read back by metadata-extractor. */
class MetadataWriteBackPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    /** A JPEG whose IPTC block (written by commons-imaging) already has a keyword with an umlaut. */
    private static byte[] jpegWithKeyword() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JpegIptcRewriter().writeIptc(TestImages.jpeg(120, 80, java.awt.Color.BLUE), out, new PhotoshopApp13Data(
                List.of(new IptcRecord(IptcTypes.KEYWORDS, "Zürichsee")), new ArrayList<>()));
        return out.toByteArray();
    }

    private void drop(String path, byte[] bytes) throws Exception {
        InboxDrop.put(app.inbox, path, bytes);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/" + path)));
    }

    private static List<String> subjects(XMPMeta meta) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 1; i <= meta.countArrayItems(XMPConst.NS_DC, "subject"); i++) {
            subjects.add(meta.getArrayItem(XMPConst.NS_DC, "subject", i).getValue());
        }
        return subjects;
    }

    @Test
    void should_write_an_xmp_sidecar_and_an_embedded_copy_that_keep_the_images_keywords() throws Exception {
        app = new RelayApp(tmp).with("relay.sinks", "file,xmp-sidecar,embedded-copy").start();
        byte[] image = jpegWithKeyword();

        drop("trip/lake.jpg", image);

        JsonNode result = JSON.readTree(app.outbox.resolve("trip/lake.jpg.local.json").toFile());
        List<String> tags = new ArrayList<>();
        result.path("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).isNotEmpty();

        XMPMeta sidecar = XMPMetaFactory.parseFromBuffer(Files.readAllBytes(app.outbox.resolve("trip/lake.jpg.xmp")));
        assertThat(sidecar.getLocalizedText(XMPConst.NS_DC, "title", "", "x-default").getValue())
                .isEqualTo(result.path("title").asText());
        assertThat(sidecar.getLocalizedText(XMPConst.NS_IPTCCORE, "AltTextAccessibility", "", "en").getValue())
                .isEqualTo(result.path("altText").asText());
        assertThat(subjects(sidecar)).containsExactlyElementsOf(tags);
        assertThat(sidecar.getPropertyString("https://captionrelay.io/ns/1.0/", "provider")).isEqualTo("local");
        assertThat(sidecar.getPropertyString("https://captionrelay.io/ns/1.0/", "imageSha256"))
                .isEqualTo(result.path("imageSha256").asText());

        byte[] copy = Files.readAllBytes(app.outbox.resolve("trip/lake.jpg"));
        var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy));
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        List<String> expectedKeywords = new ArrayList<>(List.of("Zürichsee"));
        expectedKeywords.addAll(tags);
        assertThat(iptc.getStringArray(IptcDirectory.TAG_KEYWORDS)).containsExactlyElementsOf(expectedKeywords);
        assertThat(iptc.getString(IptcDirectory.TAG_OBJECT_NAME)).isEqualTo(result.path("title").asText());
        XMPMeta embedded = metadata.getFirstDirectoryOfType(XmpDirectory.class).getXMPMeta();
        assertThat(embedded.getLocalizedText(XMPConst.NS_DC, "description", "", "x-default").getValue())
                .isEqualTo(result.path("description").asText());

        assertThat(Files.readAllBytes(app.inbox.resolve(".done/trip/lake.jpg"))).as("the original, byte for byte").isEqualTo(image);
        try (var files = Files.walk(app.outbox)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".part-"))).isEmpty();
        }
    }

    @Test
    void should_name_the_sidecar_after_the_base_name_and_make_no_copy_of_a_gif() throws Exception {
        app = new RelayApp(tmp).with("relay.sinks", "xmp-sidecar,embedded-copy")
                .with("relay.sinks.xmp.sidecar-name", "base-name").start();

        drop("anim/spin.gif", TestImages.animatedGif(TestImages.solid(20, 20, java.awt.Color.RED),
                TestImages.solid(20, 20, java.awt.Color.GREEN)));

        await().atMost(WAIT).until(() -> Files.exists(app.outbox.resolve("anim/spin.xmp")));
        assertThat(app.outbox.resolve("anim/spin.gif.xmp")).doesNotExist();
        assertThat(app.outbox.resolve("anim/spin.gif")).as("no place for XMP in a GIF copy").doesNotExist();
        XMPMeta sidecar = XMPMetaFactory.parseFromBuffer(Files.readAllBytes(app.outbox.resolve("anim/spin.xmp")));
        assertThat(sidecar.getPropertyString("https://captionrelay.io/ns/1.0/", "provider")).isEqualTo("local");
    }
}
