package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.image.HeifDecoder;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.testing.ChatCompletions;
import io.captionrelay.testing.HeifImages;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEIC and AVIF dropped into the inbox, end to end with a real heif-convert: converted to JPEG for a provider
 * that takes only JPEG (a WireMock stub of an OpenAI-compatible server), sent as they are to one that takes
 * them, described by {@code local}; refused with a reason, and nothing lost, when the tool is missing or the
 * file can't be decoded, while the next image is still described.
 */
class HeifPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA_URI = Pattern.compile("data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)");

    @TempDir
    Path tmp;

    private WireMockServer stub;
    private RelayApp app;

    @BeforeEach
    void startStub() {
        stub = ChatCompletions.answering("A phone photo\n\nRed and blue.");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    private RelayApp openAi(String formats) {
        return new RelayApp(tmp).with("relay.providers", "openai")
                .with("relay.provider.openai.base-url", stub.baseUrl())
                .with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", "sk-test-0123456789abcdef")
                .with("relay.provider.openai.formats", formats);
    }

    @Test
    void should_convert_heic_and_avif_to_jpeg_for_a_provider_that_takes_only_jpeg() throws Exception {
        app = openAi("jpeg").start();
        byte[] heic = HeifImages.heic();
        byte[] avif = HeifImages.avif();

        drop("phone.heic", heic);
        drop("web.avif", avif);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/phone.heic"))
                && Files.exists(app.inbox.resolve(".done/web.avif")));

        List<Sent> sent = sentImages();
        assertThat(sent).hasSize(2);
        for (Sent image : sent) {
            assertThat(image.mimeType()).isEqualTo("image/jpeg");
            assertThat(image.bytes()).startsWith(0xFF, 0xD8, 0xFF);
            BufferedImage pixels = ImageIO.read(new ByteArrayInputStream(image.bytes()));
            assertThat(pixels.getWidth()).isEqualTo(64);
            assertThat(pixels.getHeight()).isEqualTo(48);
        }
        assertDescribed("phone.heic", heic, "openai");
        assertDescribed("web.avif", avif, "openai");
        assertThat(result("phone.heic", "openai").path("title").asText()).isEqualTo("A phone photo");
    }

    @Test
    void should_send_the_original_heic_to_a_provider_that_takes_heic() throws Exception {
        app = openAi("jpeg,heic").start();
        byte[] heic = HeifImages.heic();

        drop("phone.heic", heic);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/phone.heic")));

        List<Sent> sent = sentImages();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).mimeType()).isEqualTo("image/heic");
        assertThat(sent.get(0).bytes()).isEqualTo(heic);
        assertDescribed("phone.heic", heic, "openai");
    }

    @Test
    void should_describe_a_heic_with_the_local_provider() throws Exception {
        app = new RelayApp(tmp).start();
        byte[] heic = HeifImages.heic();

        drop("phone.heic", heic);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/phone.heic")));

        assertDescribed("phone.heic", heic, "local");
        JsonNode result = result("phone.heic", "local");
        assertThat(result.path("title").asText()).startsWith("Landscape HEIC, mostly ");
        assertThat(result.path("description").asText()).startsWith("**Landscape HEIC image**, 64 × 48 pixels")
                .contains("- Camera: Apple iPhone 13", "- Date taken: 2024-05-17 10:30:00");
        assertThat(result.path("tags").toString()).contains("\"heic\"", "\"red\"", "\"blue\"");
    }

    @Test
    void should_refuse_heic_with_the_package_to_install_when_the_tool_is_missing_and_go_on() throws Exception {
        app = new RelayApp(tmp).with("relay.image.heif-convert", tmp.resolve("no-such-tool/heif-convert").toString()).start();
        byte[] heic = HeifImages.heic();
        byte[] jpeg = TestImages.jpeg(64, 48, Color.GREEN);

        drop("phone.heic", heic);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/phone.heic.error.json")));
        drop("next.jpg", jpeg);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/next.jpg")));

        JsonNode record = record("phone.heic");
        assertThat(record.path("errorClass").asText()).isEqualTo("bad-input");
        assertThat(record.path("reason").asText()).contains(HeifDecoder.INSTALL_HINT).contains("libheif-examples");
        assertThat(app.inbox.resolve(".failed/phone.heic")).hasBinaryContent(heic);
        assertThat(app.outbox.resolve("phone.heic.local.json")).doesNotExist();
        assertThat(app.outbox.resolve("next.jpg.local.json")).exists();
    }

    @Test
    void should_refuse_a_heic_the_tool_cannot_decode_and_go_on() throws Exception {
        app = openAi("jpeg").start();
        byte[] corrupt = HeifImages.corruptHeic();
        byte[] jpeg = TestImages.jpeg(64, 48, Color.GREEN);

        drop("broken.heic", corrupt);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".failed/broken.heic.error.json")));
        drop("next.jpg", jpeg);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/next.jpg")));

        JsonNode record = record("broken.heic");
        assertThat(record.path("errorClass").asText()).isEqualTo("bad-input");
        assertThat(record.path("reason").asText())
                .contains("the image is corrupt: heif-convert can't decode the HEIC file (exit code 1): Could not decode image");
        assertThat(app.inbox.resolve(".failed/broken.heic")).hasBinaryContent(corrupt);
        assertThat(sentImages()).hasSize(1); // only the JPEG reached the provider
        assertDescribed("next.jpg", jpeg, "openai");
    }

    private void drop(String name, byte[] bytes) throws IOException {
        Files.write(app.inbox.resolve(name), bytes);
    }

    private void assertDescribed(String name, byte[] original, String task) throws IOException {
        assertThat(app.inbox.resolve(".done/" + name)).hasBinaryContent(original);
        assertThat(result(name, task).path("imageSha256").asText()).isEqualTo(ImageInspector.sha256(original));
    }

    private JsonNode result(String name, String task) throws IOException {
        return JSON.readTree(app.outbox.resolve(name + "." + task + ".json").toFile());
    }

    private JsonNode record(String name) throws IOException {
        return JSON.readTree(app.inbox.resolve(".failed/" + name + ".error.json").toFile());
    }

    private record Sent(String mimeType, byte[] bytes) {
    }

    /** The image of every request the stub received, from its data URI. */
    private List<Sent> sentImages() {
        List<Sent> sent = new ArrayList<>();
        for (LoggedRequest call : stub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))) {
            Matcher uri = DATA_URI.matcher(call.getBodyAsString());
            assertThat(uri.find()).as("a data URI in the request").isTrue();
            sent.add(new Sent(uri.group(1), Base64.getDecoder().decode(uri.group(2))));
        }
        return sent;
    }
}
