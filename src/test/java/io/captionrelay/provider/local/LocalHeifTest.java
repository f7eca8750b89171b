package io.captionrelay.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImagePreparer;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.HeifImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local provider reads HEIC and AVIF: its pixels through heif-convert, its EXIF with metadata-extractor. */
class LocalHeifTest {

    private final LocalImageAnalyser analyser = new LocalImageAnalyser(256);

    @ParameterizedTest
    @CsvSource({"heic, HEIC", "avif, AVIF"})
    void should_describe_size_colours_and_exif_of_a_heif_image(String format, String formatName) throws Exception {
        byte[] image = format.equals("heic") ? HeifImages.heic() : HeifImages.avif();
        ImageFacts facts = new ImageInspector(50_000_000, 100_000_000).inspect(image);

        ProviderAnswer answer = analyser.describe(image, facts,
                new ImagePreparer().prepare(image, facts, LocalImageAnalyser.READABLE));

        JsonNode raw = answer.raw();
        assertThat(raw.get("format").asText()).isEqualTo(format);
        assertThat(raw.get("width").asInt()).isEqualTo(64);
        assertThat(raw.get("height").asInt()).isEqualTo(48);
        assertThat(raw.get("orientation").asText()).isEqualTo("landscape");
        assertThat(raw.get("camera").get("make").asText()).isEqualTo("Apple");
        assertThat(raw.get("camera").get("model").asText()).isEqualTo("iPhone 13");
        assertThat(raw.get("dateTaken").asText()).isEqualTo("2024-05-17T10:30:00");
        assertThat(raw.get("exifOrientation").isNull()).as("libheif shows HEIF turned by its own boxes").isTrue();
        assertThat(answer.tags()).startsWith(format, "landscape").contains("red", "blue");
        assertThat(answer.description()).startsWith("**Landscape " + formatName + " image**, 64 × 48 pixels")
                .contains("- Camera: Apple iPhone 13\n", "- Date taken: 2024-05-17 10:30:00");
    }

    @Test
    void should_refuse_a_heif_image_it_was_not_given_converted() throws Exception {
        byte[] heic = HeifImages.heic();

        RelayException refusal = catchThrowableOfType(RelayException.class,
                () -> analyser.describe(heic, new ImageInspector(50_000_000, 100_000_000).inspect(heic)));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
    }
}
