package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.ChatCompletions;
import io.captionrelay.testing.ExifJpegs;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * What a provider receives, read back from the request a WireMock stub of an OpenAI-compatible server got:
 * an animated GIF as its first frame, an EXIF-rotated photo upright in its pixels, and with
 * {@code apply-orientation=false} the photo's own bytes; the result's {@code usage.prepared} says what was sent.
 */
class WhatProvidersAreSentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DATA_URI = Pattern.compile("data:image/([a-z]+);base64,([A-Za-z0-9+/=]+)");

    @TempDir
    Path tmp;

    private WireMockServer stub;
    private RelayApp app;

    @BeforeEach
    void startStub() {
        stub = ChatCompletions.answering("A picture\n\nSomething.");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    private RelayApp app() {
        return new RelayApp(tmp).with("relay.providers", "openai")
                .with("relay.provider.openai.base-url", stub.baseUrl())
                .with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", "sk-test-0123456789abcdef");
    }

    @Test
    void should_send_an_animated_gif_as_its_first_frame() throws Exception {
        byte[] gif = TestImages.animatedGif(TestImages.solid(64, 48, Color.RED), TestImages.solid(64, 48, Color.BLUE),
                TestImages.solid(64, 48, Color.GREEN));
        assertThat(TestImages.frames(gif)).isEqualTo(3);
        app = app().start();

        byte[] sent = sendAndCatch("moving.gif", gif);

        assertThat(TestImages.frames(sent)).isEqualTo(1);
        BufferedImage frame = ImageIO.read(new ByteArrayInputStream(sent));
        int rgb = frame.getRGB(32, 24);
        assertThat((rgb >> 16) & 0xFF).as("red").isGreaterThan(230);
        assertThat(rgb & 0xFF).as("blue").isLessThan(30);
    }

    @Test
    void should_send_an_exif_rotated_photo_upright() throws Exception {
        app = app().start();

        byte[] sent = sendAndCatch("phone.jpg", rotatedPhoto());

        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(sent));
        assertThat(upright.getWidth()).isEqualTo(200);
        assertThat(upright.getHeight()).isEqualTo(400);
        int marked = upright.getRGB(175, 25); // stored top left, turned 90° clockwise: top right
        assertThat((marked >> 16) & 0xFF).isGreaterThan(200);
        assertThat((marked >> 8) & 0xFF).isLessThan(60);
        assertThat(upright.getRGB(25, 25) & 0xFF).as("top left is white").isGreaterThan(200);
    }

    @Test
    void should_send_the_photo_untouched_when_orientation_is_left_to_the_provider() throws Exception {
        app = app().with("relay.provider.openai.apply-orientation", "false").start();
        byte[] photo = rotatedPhoto();

        assertThat(sendAndCatch("phone.jpg", photo)).isEqualTo(photo);
    }

    @Test
    void should_report_the_re_encoded_photo_in_the_results_usage() throws Exception {
        app = app().start();

        byte[] sent = sendAndCatch("phone.jpg", rotatedPhoto());

        JsonNode prepared = JSON.readTree(app.outbox.resolve("phone.jpg.openai.json").toFile()).path("usage").path("prepared");
        assertThat(prepared.path("width").asInt()).isEqualTo(200);
        assertThat(prepared.path("height").asInt()).isEqualTo(400);
        assertThat(prepared.path("format").asText()).isEqualTo("JPEG");
        assertThat(prepared.path("bytes").asInt()).isEqualTo(sent.length);
        assertThat(prepared.path("quality").asText()).isEqualTo("0.9");
        assertThat(prepared.path("encodes").asInt()).isEqualTo(1);
        assertThat(prepared.path("unchanged").asBoolean()).isFalse();
    }

    @Test
    void should_report_the_photo_sent_as_it_was_in_the_results_usage() throws Exception {
        app = app().with("relay.provider.openai.apply-orientation", "false").start();
        byte[] photo = rotatedPhoto();

        sendAndCatch("phone.jpg", photo);

        JsonNode prepared = JSON.readTree(app.outbox.resolve("phone.jpg.openai.json").toFile()).path("usage").path("prepared");
        assertThat(prepared.path("bytes").asInt()).isEqualTo(photo.length);
        assertThat(prepared.path("unchanged").asBoolean()).isTrue();
        assertThat(prepared.has("quality")).as("no quality: not encoded here").isFalse();
        assertThat(prepared.path("encodes").asInt()).isZero();
        assertThat(prepared.path("width").asInt()).as("displayed width").isEqualTo(200);
    }

    /** 400 × 200 as stored, a red mark in the stored top left corner, EXIF orientation 6 (turn 90° clockwise). */
    private static byte[] rotatedPhoto() {
        BufferedImage stored = TestImages.solid(400, 200, Color.WHITE);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        return ExifJpegs.exif().orientation(6).make("Phone").insertInto(TestImages.write(stored, "jpeg"));
    }

    /** Drops the image and returns the image bytes of the one request the provider received. */
    private byte[] sendAndCatch(String name, byte[] image) throws Exception {
        Files.write(app.inbox.resolve(name), image);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/" + name)));
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> calls =
                stub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(calls).hasSize(1);
        Matcher uri = DATA_URI.matcher(calls.get(0).getBodyAsString());
        assertThat(uri.find()).as("a data URI in the request").isTrue();
        return Base64.getDecoder().decode(uri.group(2));
    }
}
