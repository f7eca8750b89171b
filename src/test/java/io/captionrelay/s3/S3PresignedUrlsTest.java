package io.captionrelay.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.media.ImageUrlsBySource;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ImageJob;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.S3Server;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presigned GET links to S3 objects, fetched for real from the in-JVM S3 server. */
class S3PresignedUrlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "photos";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private S3Server s3;
    private RelayApp app;
    private WireMockServer stub;

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3Server.start(BUCKET);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (stub != null) {
            stub.stop();
        }
        s3.close();
    }

    /** The app's S3 wiring (client and presigner) without the bucket source running. */
    private S3PresignedUrls urls(String... overrides) throws Exception {
        app = s3.configure(new RelayApp(tmp)).with("relay.s3.bucket", BUCKET);
        for (int i = 0; i < overrides.length; i += 2) {
            app.with(overrides[i], overrides[i + 1]);
        }
        app.start();
        return new S3PresignedUrls(app.context().createProducerTemplate(), "staging/");
    }

    @Test
    void should_link_an_unchanged_image_to_its_own_object() throws Exception {
        S3PresignedUrls urls = urls();
        byte[] image = TestImages.jpeg(120, 90, Color.RED);
        s3.put(BUCKET, "incoming/trip/my photo ü.jpg", image);

        URI link = urls.urlFor(job("s3://photos/incoming/trip/my photo ü.jpg", image), unchanged(image), Duration.ofMinutes(10));

        assertThat(link.toString()).startsWith(s3.endpoint() + "/photos/incoming/trip/").contains("X-Amz-Signature=")
                .contains("X-Amz-Expires=600");
        HttpResponse<byte[]> got = get(link);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(image);
        assertThat(s3.keys(BUCKET, "staging/")).isEmpty();
    }

    @Test
    void should_stage_a_prepared_copy_and_link_that() throws Exception {
        S3PresignedUrls urls = urls();
        byte[] original = TestImages.png(300, 200, Color.BLUE);
        byte[] prepared = TestImages.jpeg(150, 100, Color.BLUE);
        s3.put(BUCKET, "incoming/big.png", original);

        URI link = urls.urlFor(job("s3://photos/incoming/big.png", original),
                new PreparedImage(prepared, ImageFormat.JPEG, 150, 100, false), Duration.ofMinutes(5));

        assertThat(link.getPath()).startsWith("/photos/staging/").endsWith(".jpg");
        assertThat(get(link).body()).isEqualTo(prepared);
        assertThat(s3.keys(BUCKET, "staging/")).hasSize(1);
        assertThat(s3.get(BUCKET, "incoming/big.png")).isEqualTo(original); // the original is never touched
        // the same copy again is the same staged object
        urls.urlFor(job("s3://photos/incoming/big.png", original), new PreparedImage(prepared, ImageFormat.JPEG, 150, 100, false),
                Duration.ofMinutes(5));
        assertThat(s3.keys(BUCKET, "staging/")).hasSize(1);
    }

    @Test
    void should_sign_for_the_public_endpoint_when_one_is_set() throws Exception {
        String publicEndpoint = "http://localhost:" + s3.endpoint().getPort();
        S3PresignedUrls urls = urls("relay.s3.public-endpoint", publicEndpoint);
        byte[] image = TestImages.jpeg(40, 40, Color.GREEN);
        s3.put(BUCKET, "incoming/a.jpg", image);

        URI link = urls.urlFor(job("s3://photos/incoming/a.jpg", image), unchanged(image), Duration.ofMinutes(1));

        assertThat(link.toString()).startsWith(publicEndpoint + "/photos/incoming/a.jpg?");
        assertThat(get(link).body()).isEqualTo(image);
    }

    @Test
    void should_refuse_a_link_longer_than_seven_days_and_expire_a_short_one() throws Exception {
        S3PresignedUrls urls = urls();
        byte[] image = TestImages.jpeg(40, 40, Color.CYAN);
        s3.put(BUCKET, "incoming/a.jpg", image);
        ImageJob job = job("s3://photos/incoming/a.jpg", image);

        assertThatThrownBy(() -> urls.urlFor(job, unchanged(image), Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
        URI link = urls.urlFor(job, unchanged(image), Duration.ofSeconds(5)); // SigV4 dates are whole seconds: leave margin
        assertThat(get(link).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> get(link).statusCode() == 403);
    }

    @Test
    void should_report_a_missing_bucket_as_a_transient_failure() throws Exception {
        S3PresignedUrls urls = urls();
        byte[] image = TestImages.jpeg(40, 40, Color.CYAN);
        assertThatThrownBy(() -> urls.urlFor(job("s3://no-such-bucket/a.jpg", image),
                new PreparedImage(image, ImageFormat.JPEG, 40, 40, false), Duration.ofMinutes(1)))
                .isInstanceOf(RelayException.class).hasMessageContaining("could not stage");
    }

    @Test
    void should_pick_presigned_links_for_s3_jobs_and_media_links_for_the_others() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        ImageUrlSource s3Links = (job, image, ttl) -> {
            asked.add("s3 " + job.source());
            return URI.create("http://s3.example/x");
        };
        ImageUrlSource media = (job, image, ttl) -> {
            asked.add("media " + job.source());
            return URI.create("http://app.example/media/x");
        };
        ImageUrlSource urls = new ImageUrlsBySource(s3Links, media);
        byte[] image = TestImages.jpeg(8, 8, Color.RED);
        urls.urlFor(job("s3://b/k.jpg", image), unchanged(image), Duration.ofMinutes(1));
        urls.urlFor(job("file:k.jpg", image), unchanged(image), Duration.ofMinutes(1));
        assertThat(asked).containsExactly("s3 s3://b/k.jpg", "media file:k.jpg");
    }

    /** A URL-only provider (the OpenAI-compatible one, image-form=url) fetches what it is given, as a real one would. */
    @Test
    void should_give_a_url_form_provider_links_it_can_fetch() throws Exception {
        List<byte[]> fetched = new CopyOnWriteArrayList<>();
        List<String> links = new CopyOnWriteArrayList<>();
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new FetchImage(links, fetched)));
        stub.start();
        stub.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"chatcmpl-9","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop",
                         "message":{"role":"assistant","content":"A picture\\n\\nSomething fetched by URL."}}]}""")));
        app = s3.configure(new RelayApp(tmp)).with("relay.s3.enabled", "true").with("relay.s3.bucket", BUCKET)
                .with("relay.s3.poll-delay", "100")
                .with("relay.providers", "openai")
                .with("relay.provider.openai.base-url", stub.baseUrl())
                .with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", "sk-test-0123456789")
                .with("relay.provider.openai.image-form", "url")
                .start();
        byte[] jpeg = TestImages.jpeg(200, 100, Color.ORANGE);
        byte[] bmp = TestImages.write(TestImages.solid(60, 40, Color.MAGENTA), "bmp");
        s3.put(BUCKET, "incoming/as-is.jpg", jpeg);
        s3.put(BUCKET, "incoming/needs-converting.bmp", bmp);

        await().atMost(WAIT).until(() -> s3.exists(BUCKET, "done/as-is.jpg") && s3.exists(BUCKET, "done/needs-converting.bmp"));
        assertThat(links).hasSize(2).allMatch(l -> l.startsWith(s3.endpoint() + "/photos/"));
        assertThat(links).anyMatch(l -> l.contains("/photos/incoming/as-is.jpg?"));
        assertThat(links).anyMatch(l -> l.contains("/photos/staging/"));
        assertThat(fetched).anyMatch(b -> java.util.Arrays.equals(b, jpeg));
        assertThat(fetched).anyMatch(b -> b.length > 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && !java.util.Arrays.equals(b, jpeg));
        assertThat(s3.keys(BUCKET, "staging/")).hasSize(1);
        assertThat(app.progress().failedCount()).isZero();
    }

    /** Fetches the image_url of each chat request while the request is being answered, and keeps what it got. */
    private static final class FetchImage implements ResponseDefinitionTransformerV2 {
        private final List<String> links;
        private final List<byte[]> fetched;

        FetchImage(List<String> links, List<byte[]> fetched) {
            this.links = links;
            this.fetched = fetched;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                for (JsonNode part : body.path("messages").path(0).path("content")) {
                    String url = part.path("image_url").path("url").asText("");
                    if (url.startsWith("http")) {
                        links.add(url);
                        HttpResponse<byte[]> got = get(URI.create(url));
                        if (got.statusCode() == 200) {
                            fetched.add(got.body());
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "fetch-image";
        }
    }

    private static HttpResponse<byte[]> get(URI link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ImageJob job(String source, byte[] bytes) {
        return new ImageJob(source, "x", bytes);
    }

    private static PreparedImage unchanged(byte[] jpeg) {
        return new PreparedImage(jpeg, ImageFormat.JPEG, 1, 1, true);
    }
}
