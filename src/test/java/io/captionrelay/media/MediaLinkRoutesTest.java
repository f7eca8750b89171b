package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ImageJob;
import io.captionrelay.testing.TestImages;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The media routes on a real embedded HTTP server (platform-http on Vert.x, as Camel Main starts it
 * with {@code camel.server.enabled=true}), asked over HTTP like a provider would.
 */
class MediaLinkRoutesTest {

    private static final String KEY = "route-test-signing-key-0123456789abcdef";
    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-MEDIA-FOLDER";
    private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+)/media/([0-9a-f]{64}\\.jpg)\\?expires=(\\d+)&sig=(.+)");

    @TempDir
    static Path tmp;

    private static CamelContext context;
    private static String base;
    private static Path media;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final LinkSigner signer = new LinkSigner(KEY.getBytes(StandardCharsets.UTF_8));
    private static final byte[] jpeg = TestImages.write(TestImages.picture(64, 48), "jpg");

    @BeforeAll
    static void startServer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        media = tmp.resolve("data/media");
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.writeString(tmp.resolve("data/secret.txt"), SECRET);

        context = new DefaultCamelContext();
        // what camel.server.enabled=true and camel.server.port do in Camel Main
        MainHttpServer server = new MainHttpServer();
        server.setPort(port);
        context.addService(server);
        MediaConfiguration.create(base, media, tmp.resolve("inbox"), Duration.ofHours(1), Duration.ofHours(24),
                Duration.ofMillis(200), Optional.of(KEY)).register(context);
        context.start();
    }

    @AfterAll
    static void stopServer() {
        if (context != null) {
            context.stop();
        }
    }

    private static Matcher link() throws Exception {
        ImageUrlSource links = context.getRegistry().lookupByNameAndType(MediaConfiguration.IMAGE_URL_SOURCE, ImageUrlSource.class);
        URI url = links.urlFor(new ImageJob("file:a.jpg", "a.jpg", jpeg), new PreparedImage(jpeg, ImageFormat.JPEG, 64, 48, true),
                Duration.ofMinutes(15));
        Matcher m = LINK.matcher(url.toString());
        assertThat(m.matches()).as(url.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo(base);
        return m;
    }

    private static HttpResponse<byte[]> send(HttpClient.Version version, String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).version(version)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> send(String method, String pathAndQuery) throws Exception {
        return send(HttpClient.Version.HTTP_1_1, method, pathAndQuery);
    }

    private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery);
    }

    private static String query(String expires, String sig) {
        return "?expires=" + expires + "&sig=" + sig;
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void should_serve_the_exact_bytes_with_type_length_and_cache_lifetime(HttpClient.Version version) throws Exception {
        Matcher link = link();

        HttpResponse<byte[]> response = send(version, "GET", "/media/" + link.group(2) + query(link.group(3), link.group(4)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(jpeg);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(jpeg.length);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> {
            assertThat(value).startsWith("private, max-age=");
            assertThat(Long.parseLong(value.substring("private, max-age=".length()))).isBetween(800L, 901L);
        });
        assertThat(response.headers().map().keySet()).as("request values are not echoed")
                .noneMatch(h -> h.equalsIgnoreCase("sig") || h.equalsIgnoreCase("expires") || h.equalsIgnoreCase("file"));
    }

    /** Over HTTP/2 (h2c) the server would send a HEAD body if the route gave it one. */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void should_answer_head_with_the_headers_only(HttpClient.Version version) throws Exception {
        Matcher link = link();

        HttpResponse<byte[]> response = send(version, "HEAD", "/media/" + link.group(2) + query(link.group(3), link.group(4)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(jpeg.length);
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
    }

    @Test
    void should_refuse_other_methods() throws Exception {
        Matcher link = link();
        String path = "/media/" + link.group(2) + query(link.group(3), link.group(4));

        assertThat(send("POST", path).statusCode()).isEqualTo(405);
        assertThat(send("PUT", path).statusCode()).isEqualTo(405);
        assertThat(send("DELETE", path).statusCode()).isEqualTo(405);
        assertThat(Files.readAllBytes(media.resolve(link.group(2)))).isEqualTo(jpeg);
    }

    @Test
    void should_refuse_tampered_links_with_403() throws Exception {
        Matcher link = link();
        String name = link.group(2);
        String expires = link.group(3);
        String sig = link.group(4);
        String otherSig = sig.charAt(0) == 'A' ? "B" + sig.substring(1) : "A" + sig.substring(1);
        String otherName = (name.charAt(0) == 'a' ? "b" : "a") + name.substring(1);

        assertThat(get("/media/" + name + query(expires, otherSig)).statusCode()).as("signature").isEqualTo(403);
        assertThat(get("/media/" + otherName + query(expires, sig)).statusCode()).as("id").isEqualTo(403);
        assertThat(get("/media/" + name + query(Long.toString(Long.parseLong(expires) + 3600), sig)).statusCode())
                .as("expires").isEqualTo(403);
        assertThat(get("/media/" + name).statusCode()).as("no query").isEqualTo(403);
        assertThat(get("/media/" + name + query(expires, sig) + "&sig=" + sig).statusCode()).as("repeated sig").isEqualTo(403);
    }

    @Test
    void should_refuse_expired_links_with_403() throws Exception {
        Matcher link = link();
        String expired = Long.toString(Instant.now().getEpochSecond() - 60);

        HttpResponse<byte[]> response = get("/media/" + link.group(2) + query(expired, signer.signature(link.group(2), expired)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isNotEqualTo(jpeg);
    }

    @Test
    void should_answer_404_for_a_signed_link_to_an_unknown_id() throws Exception {
        String unknown = "0".repeat(64) + ".png";
        String expires = Long.toString(Instant.now().getEpochSecond() + 600);

        assertThat(get("/media/" + unknown + query(expires, signer.signature(unknown, expires))).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/media/../../etc/passwd", "/media/%2e%2e%2fetc%2fpasswd", "/media/..%2fsecret.txt",
            "/media/..%2F..%2Fdata%2Fsecret.txt", "/media/%2Fetc%2Fpasswd", "/media//etc/passwd", "/media/%00",
            "/media/secret.txt%00.jpg", "/media/..", "/media/.", "/media/", "/media", "/other", "/", "/data/secret.txt",
            "/media/..%5csecret.txt"})
    void should_never_serve_anything_outside_the_media_folder(String path) throws Exception {
        String expires = Long.toString(Instant.now().getEpochSecond() + 600);
        for (String candidate : new String[] {path, path + query(expires, signer.signature(lastSegment(path), expires))}) {
            HttpResponse<byte[]> response = get(candidate);

            assertThat(response.statusCode()).as(candidate).isNotEqualTo(200).isBetween(400, 499);
            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).as(candidate)
                    .doesNotContain(SECRET).doesNotContain("root:");
        }
    }

    @Test
    void should_delete_media_files_past_retention_on_a_timer() throws Exception {
        Matcher link = link();
        Path old = Files.writeString(media.resolve("c".repeat(64) + ".gif"), "old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path unrelated = Files.writeString(media.resolve("keep.txt"), "not media");
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(old));

        assertThat(media.resolve(link.group(2))).exists();
        assertThat(unrelated).exists();
        assertThat(context.getRoute("media-cleanup")).isNotNull();
        assertThat(context.getRoute("media-links")).isNotNull();
    }

    /** What a naive server would take as the file name, decoded: signed too, to show the shape check comes first. */
    private static String lastSegment(String path) {
        String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
        return decoded.startsWith("/media/") ? decoded.substring("/media/".length()) : decoded;
    }
}
