package io.captionrelay.image;

import static io.captionrelay.image.PreparedImages.assertSendable;
import static io.captionrelay.image.PreparedImages.blue;
import static io.captionrelay.image.PreparedImages.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.HeifImages;
import io.captionrelay.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HEIC and AVIF: facts from their boxes, converted through a real heif-convert, refused with a reason when it can't. */
class HeifImagesTest {

    private static final long MB = 1024 * 1024;
    private static final ImageRequirements JPEG_ONLY = new ImageRequirements(Set.of(ImageFormat.JPEG), MB, false);

    private final ImageInspector inspector = new ImageInspector(50 * MB, 100_000_000);

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"HEIC", "AVIF"})
    void should_give_the_primary_image_size_from_the_boxes(ImageFormat format) throws Exception {
        byte[] image = image(format);

        ImageFacts facts = inspector.inspect(image);

        // the HEIC holds a 64 × 64 tile cropped to 64 × 48 by its grid: the grid's size is the image's
        assertThat(facts).isEqualTo(new ImageFacts(ImageInspector.sha256(image), format, 64, 48, image.length));
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"HEIC", "AVIF"})
    void should_convert_for_a_provider_that_takes_only_jpeg(ImageFormat format) throws Exception {
        byte[] image = image(format);

        PreparedImage prepared = new ImagePreparer().prepare(image, inspector.inspect(image), JPEG_ONLY);

        assertThat(prepared.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(prepared.unchanged()).isFalse();
        BufferedImage pixels = assertSendable(prepared, JPEG_ONLY);
        assertThat(pixels.getWidth()).isEqualTo(64);
        assertThat(pixels.getHeight()).isEqualTo(48);
        assertThat(red(pixels.getRGB(8, 24))).as("left half red").isGreaterThan(180);
        assertThat(blue(pixels.getRGB(56, 24))).as("right half blue").isGreaterThan(160);
        assertThat(red(pixels.getRGB(56, 24))).isLessThan(80);
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"HEIC", "AVIF"})
    void should_send_the_original_to_a_provider_that_takes_the_format(ImageFormat format) throws Exception {
        byte[] image = image(format);
        ImageRequirements takesIt = new ImageRequirements(Set.of(ImageFormat.JPEG, format), MB, false);

        PreparedImage prepared = new ImagePreparer(missingTool()).prepare(image, inspector.inspect(image), takesIt);

        assertThat(prepared.unchanged()).isTrue();
        assertThat(prepared.bytes()).isEqualTo(image);
        assertThat(prepared.mimeType()).isEqualTo(format.mimeType());
    }

    @Test
    void should_refuse_with_the_package_to_install_when_the_tool_is_missing() throws Exception {
        byte[] heic = HeifImages.heic();

        RelayException refusal = catchThrowableOfType(RelayException.class,
                () -> new ImagePreparer(missingTool()).prepare(heic, inspector.inspect(heic), JPEG_ONLY));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).startsWith(HeifDecoder.INSTALL_HINT)
                .contains("libheif-examples").contains("/nonexistent/heif-convert");
    }

    @Test
    void should_refuse_a_file_the_tool_cannot_decode_with_what_it_said() throws Exception {
        byte[] corrupt = HeifImages.corruptHeic();
        ImageFacts facts = inspector.inspect(corrupt); // its boxes are whole

        RelayException refusal = catchThrowableOfType(RelayException.class,
                () -> new ImagePreparer().prepare(corrupt, facts, JPEG_ONLY));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage())
                .startsWith("the image is corrupt: heif-convert can't decode the HEIC file (exit code 1): ")
                .contains("Could not decode image");
    }

    @Test
    void should_refuse_a_truncated_file_at_intake_without_decoding_it() {
        byte[] heic = HeifImages.heic();
        byte[] cut = TestImages.cut(heic, 0.7);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> inspector.inspect(cut));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).isEqualTo("the image is truncated: the HEIC file has " + cut.length
                + " bytes but its 'mdat' box ends at byte " + heic.length);
    }

    @Test
    void should_leave_no_temporary_files_behind() throws Exception {
        byte[] heic = HeifImages.heic();
        byte[] corrupt = HeifImages.corruptHeic();
        Set<Path> before = heifFolders();

        new ImagePreparer().prepare(heic, inspector.inspect(heic), JPEG_ONLY);
        catchThrowableOfType(RelayException.class,
                () -> new ImagePreparer().prepare(corrupt, inspector.inspect(corrupt), JPEG_ONLY));

        assertThat(heifFolders()).isEqualTo(before);
    }

    private static Set<Path> heifFolders() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("captionrelay-heif-")).collect(Collectors.toSet());
        }
    }

    @Test
    void should_refuse_an_mp4_video_as_what_it_is() {
        byte[] mp4 = new byte[64];
        System.arraycopy("\0\0\0\u0018ftypisom\0\0\u0002\0isommp41".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, mp4, 0, 24);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> inspector.inspect(mp4));

        assertThat(refusal.getMessage()).isEqualTo("not an image: the bytes are not JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF; "
                + "they look like an MP4 or QuickTime video");
    }

    @Test
    void should_stop_a_decode_that_takes_too_long(@TempDir Path tmp) throws Exception {
        HeifDecoder hanging = new HeifDecoder(script(tmp, "exec sleep 600").toString(), Duration.ofSeconds(1), MB);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> hanging.toPng(HeifImages.heic(), ImageFormat.HEIC));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).isEqualTo("heif-convert took longer than 1 s to decode the HEIC image");
    }

    @Test
    void should_refuse_an_output_larger_than_the_limit(@TempDir Path tmp) throws Exception {
        // writes 2000 bytes where the PNG is expected ($3: the output path)
        HeifDecoder generous = new HeifDecoder(script(tmp, "head -c 2000 /dev/zero > \"$3\"").toString(), Duration.ofSeconds(30), 1000);

        RelayException refusal = catchThrowableOfType(RelayException.class, () -> generous.toPng(HeifImages.heic(), ImageFormat.HEIC));

        assertThat(refusal.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(refusal.getMessage()).isEqualTo("the HEIC image decodes to more than 1000 bytes");
    }

    /** A stand-in for heif-convert: a shell script, run as the tool (heif-convert --quiet IN OUT). */
    private static Path script(Path folder, String body) throws IOException {
        Path script = Files.writeString(folder.resolve("fake-heif-convert"), "#!/bin/sh\n" + body + "\n");
        script.toFile().setExecutable(true);
        return script;
    }

    private static HeifDecoder missingTool() {
        return new HeifDecoder("/nonexistent/heif-convert", Duration.ofSeconds(30), MB * 100);
    }

    private static byte[] image(ImageFormat format) throws IOException {
        return format == ImageFormat.HEIC ? HeifImages.heic() : HeifImages.avif();
    }
}
