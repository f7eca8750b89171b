package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ImageJob;
import io.captionrelay.testing.TestImages;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server keys the app will use ({@code camel.server.enabled}, {@code camel.server.port}) start what the links need. */
class MediaLinksOnCamelMainTest {

    @TempDir
    Path tmp;

    @Test
    void should_serve_media_links_on_the_server_camel_main_starts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MediaConfiguration media = MediaConfiguration.create("http://localhost:" + port, tmp.resolve("media"),
                tmp.resolve("inbox"), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(15),
                Optional.of("camel-main-test-signing-key-0123456789"));
        Main main = new Main();
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        // application.properties names the YAML routes, which need the whole app: load none here
        Path noRoutes = Files.createDirectories(tmp.resolve("no-routes"));
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + noRoutes + "/*.yaml");
        main.configure().addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) throws Exception {
                media.register(context);
            }
        });
        main.start();
        try {
            byte[] png = TestImages.write(TestImages.picture(16, 16), "png");
            URI url = media.links().urlFor(new ImageJob("file:a.png", "a.png", png),
                    new PreparedImage(png, ImageFormat.PNG, 16, 16, true), media.ttl());

            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(png);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        } finally {
            main.stop();
        }
    }
}
