package io.captionrelay.provider.local;

import static io.captionrelay.testing.ExifJpegs.exif;
import static io.captionrelay.testing.ExifJpegs.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.ExifJpegs;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ExifFactsTest {

    private static final byte[] PLAIN = jpeg(TestImages.solid(16, 16, Color.GRAY));

    @Test
    void readsEverythingTheBuilderWrites() {
        byte[] bytes = exif().make("NIKON CORPORATION").model("NIKON D850").orientation(8)
                .dateTimeOriginal("2019:12:31 23:59:58").gps(-33.85, 151.21).insertInto(PLAIN);

        ExifFacts facts = ExifFacts.read(bytes, ImageFormat.JPEG);

        assertThat(facts).isEqualTo(new ExifFacts("NIKON CORPORATION", "NIKON D850",
                LocalDateTime.of(2019, 12, 31, 23, 59, 58), 8, true));
        assertThat(facts.camera()).isEqualTo("NIKON D850");
        assertThat(facts.swapsWidthAndHeight()).isTrue();
    }

    @Test
    void absentMetadataIsNone() {
        assertThat(ExifFacts.read(PLAIN, ImageFormat.JPEG)).isEqualTo(ExifFacts.NONE);
        assertThat(ExifFacts.read(ExifJpegs.write(TestImages.solid(4, 4, Color.RED), "png"), ImageFormat.PNG)).isEqualTo(ExifFacts.NONE);
    }

    @Test
    void partialMetadataKeepsOnlyWhatIsThere() {
        ExifFacts facts = ExifFacts.read(exif().model("EOS R5").dateTimeOriginal("0000:00:00 00:00:00").insertInto(PLAIN), ImageFormat.JPEG);

        assertThat(facts).isEqualTo(new ExifFacts(null, "EOS R5", null, null, false));
        assertThat(facts.camera()).isEqualTo("EOS R5");
        assertThat(facts.swapsWidthAndHeight()).isFalse();
    }

    @Test
    void cameraJoinsMakeAndModelWithoutRepeatingTheMake() {
        assertThat(new ExifFacts("Apple", "iPhone 12", null, null, false).camera()).isEqualTo("Apple iPhone 12");
        assertThat(new ExifFacts("Canon", "Canon EOS 5D", null, null, false).camera()).isEqualTo("Canon EOS 5D");
        assertThat(new ExifFacts("Sony", null, null, null, false).camera()).isEqualTo("Sony");
        assertThat(ExifFacts.NONE.camera()).isNull();
    }

    @Test
    void damagedExifCountsAsAbsent() {
        byte[] segment = exif().make("Broken").orientation(6).app1Segment();
        for (int i = 12; i < segment.length; i++) {
            segment[i] = (byte) 0xEE; // keep "Exif\0\0" and the TIFF byte order, scramble the rest
        }
        ExifFacts facts = ExifFacts.read(ExifJpegs.insertAfterSoi(PLAIN, segment), ImageFormat.JPEG);

        assertThat(facts.orientation()).isNull();
        assertThat(facts.make()).isNull();
    }
}
