package io.captionrelay.quota;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.QuotaEnforcer;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of CaptionRelay share one API key. With the send log kept in PostgreSQL they stay,
 * together, inside the provider's rolling windows: the provider never refuses a call.
 */
class SharedQuotaPostgresIT {

    private static final int INSTANCES = 3;
    private static final int IMAGES_EACH = 8;

    @TempDir
    Path tmp;

    private EmbeddedPostgres postgres;
    private WireMockServer stub;
    private final List<RelayApp> apps = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (RelayApp app : apps) {
            app.close();
        }
        if (stub != null) {
            stub.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void should_keep_several_instances_sharing_a_key_inside_the_quota_together() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        QuotaEnforcer provider = QuotaEnforcer.rolling(List.of(new QuotaEnforcer.Window(4, Duration.ofSeconds(1)),
                new QuotaEnforcer.Window(30, Duration.ofSeconds(10))), QuotaEnforcer.Resets.APIVERVE_WHOLE_SECONDS);
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(provider).containerThreads(30));
        stub.start();
        stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"shared\"}}")));

        for (int instance = 0; instance < INSTANCES; instance++) {
            Path root = tmp.resolve("instance-" + instance);
            for (int i = 0; i < IMAGES_EACH; i++) {
                Path image = root.resolve("inbox/i" + i + ".jpg");
                Files.createDirectories(image.getParent());
                Files.write(image, TestImages.uniqueJpeg(instance * 100 + i, 40, 30));
            }
            apps.add(new RelayApp(root)
                    .with("relay.db.url", postgres.getJdbcUrl("postgres", "postgres"))
                    .with("relay.db.user", "postgres")
                    .with("relay.quota.store", "postgresql") // the shipped margin (250 ms): 100 ms was overrun once by a cold first burst
                    .with("relay.sinks", "file")
                    .with("relay.providers", "apiverve")
                    .with("relay.provider.apiverve.base-url", stub.baseUrl())
                    .with("relay.provider.apiverve.api-key", "one-key-shared-by-all-0123")
                    .with("relay.provider.apiverve.quota", "4/1s,30/10s")
                    .with("relay.provider.apiverve.max-in-flight", "4"));
        }
        QuotaEnforcer.warmUp(stub); // a provider is up and running before our first call
        for (RelayApp app : apps) {
            app.start();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> apps.stream().allMatch(a -> a.progress().doneCount() == IMAGES_EACH));

        assertThat(apps).allMatch(a -> a.progress().failedCount() == 0);
        assertThat(provider.accepted()).isEqualTo(INSTANCES * IMAGES_EACH);
        assertThat(provider.refused()).as("refused at %s; accepted at %s", provider.refusedSeconds(), provider.acceptedSeconds()).isZero();
        // one send log per key, shared: every call of the last 10 s (and a margin) is in it, from all three
        assertThat(apps.get(0).count("SELECT COUNT(DISTINCT bucket) FROM relay_quota_send")).isEqualTo(1);
        assertThat(apps.get(0).count("SELECT COUNT(*) FROM relay_quota_send")).isBetween(1L, 30L);
    }
}
