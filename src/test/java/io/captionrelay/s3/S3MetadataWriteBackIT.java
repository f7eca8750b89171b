package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.iptc.IptcDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.S3Server;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata write-back through the S3 sink: an XMP sidecar and an embedded copy in the sink bucket (S3Proxy in this JVM). */
class S3MetadataWriteBackIT {

    private static final String BUCKET = "photos";

    @TempDir
    Path tmp;

    private S3Server s3;
    private RelayApp app;

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3Server.start(BUCKET);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        s3.close();
    }

    @Test
    void should_write_the_xmp_sidecar_and_the_embedded_copy_beside_the_json_result() throws Exception {
        app = s3.configure(new RelayApp(tmp)).with("relay.s3.enabled", "true").with("relay.s3.bucket", BUCKET)
                .with("relay.s3.poll-delay", "100").with("relay.sinks", "s3")
                .with("relay.sink.s3.write-back", "xmp-sidecar,embedded-copy").start();
        byte[] image = TestImages.jpeg(160, 120, Color.BLUE);
        s3.put(BUCKET, "incoming/trip/beach.jpg", image);

        await().atMost(Duration.ofSeconds(30)).until(() -> s3.exists(BUCKET, "done/trip/beach.jpg"));

        JsonNode result = new ObjectMapper().readTree(s3.get(BUCKET, "captions/trip/beach.jpg.local.json"));
        XMPMeta sidecar = XMPMetaFactory.parseFromBuffer(s3.get(BUCKET, "captions/trip/beach.jpg.xmp"));
        assertThat(sidecar.getLocalizedText(XMPConst.NS_DC, "title", "", "x-default").getValue())
                .isEqualTo(result.path("title").asText());
        assertThat(sidecar.getPropertyString("https://captionrelay.io/ns/1.0/", "imageSha256"))
                .isEqualTo(result.path("imageSha256").asText());
        byte[] copy = s3.get(BUCKET, "captions/trip/beach.jpg");
        IptcDirectory iptc = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy)).getFirstDirectoryOfType(IptcDirectory.class);
        assertThat(iptc.getString(IptcDirectory.TAG_OBJECT_NAME)).isEqualTo(result.path("title").asText());
        assertThat(iptc.getStringArray(IptcDirectory.TAG_KEYWORDS)).hasSize(result.path("tags").size());
        assertThat(s3.get(BUCKET, "done/trip/beach.jpg")).as("the original, byte for byte").isEqualTo(image);
    }
}
