package io.captionrelay.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaGates;
import io.captionrelay.testing.EmbeddedPostgresql;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL, each with its own inbox: what the provider tells one of them (a refused key, a
 * rate limit) stops or pauses the other through the database, before the other makes a call of its own.
 */
class SharedProviderFeedbackIT {

    private static final String PATH = "/api/v1/generate_content";

    @TempDir
    Path tmp;

    private final List<RelayApp> apps = new ArrayList<>();
    private PaidProviderStub stub;
    private RelayApp first;
    private RelayApp second;

    @BeforeEach
    void start() throws Exception {
        stub = new PaidProviderStub(0, 0);
        String db = EmbeddedPostgresql.newDatabase();
        SharedInboxIT.startAll(apps, List.of(instance("first", db), instance("second", db)));
        first = apps.get(0);
        second = apps.get(1);
    }

    @AfterEach
    void stop() throws Exception {
        for (RelayApp app : apps) {
            app.close();
        }
        stub.close();
    }

    @Test
    void a_key_refused_to_one_instance_stops_the_provider_on_the_other_before_it_calls() throws Exception {
        stub.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        Files.write(first.inbox.resolve("one.jpg"), TestImages.uniqueJpeg(1, 64, 48));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(first.inbox.resolve(".pending/one.jpg")));

        await().atMost(Duration.ofSeconds(10)).until(() -> circuits(second).isOpen("imagedescriber"));
        for (int i = 0; i < 3; i++) {
            Files.write(second.inbox.resolve("other-" + i + ".jpg"), TestImages.uniqueJpeg(10 + i, 64, 48));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> second.progress().pendingCount() == 3);

        assertThat(stub.calls()).as("only the first instance's call reached the provider").hasSize(1);
        assertThat(Files.readString(second.inbox.resolve(".pending/other-0.jpg.pending.json"))).contains("auth", "imagedescriber");
    }

    @Test
    void a_rate_limit_told_to_one_instance_pauses_the_key_on_the_other() throws Exception {
        stub.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("slow down")));
        Files.write(first.inbox.resolve("one.jpg"), TestImages.uniqueJpeg(1, 64, 48));
        await().atMost(Duration.ofSeconds(30)).until(() -> stub.calls().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.count("SELECT COUNT(*) FROM relay_signal") == 1);

        Files.write(second.inbox.resolve("two.jpg"), TestImages.uniqueJpeg(2, 64, 48));
        await().atMost(Duration.ofSeconds(30)).until(() -> gate(second).waitingForQuota() == 1);

        assertThat(stub.calls()).as("the second instance waits for the key's pause without calling").hasSize(1);
    }

    private RelayApp instance(String name, String db) {
        RelayApp app = new RelayApp(tmp.resolve(name))
                .with("relay.db.url", db)
                .with("relay.db.user", EmbeddedPostgresql.USER)
                .with("relay.db.password", "")
                .with("relay.sinks", "file")
                .with("relay.circuit.probe-after", "600000")
                .with("relay.claims.feedback-interval", "200")
                .with("camel.main.shutdown-timeout", "1");
        stub.settings().forEach(app::with);
        return app;
    }

    private static ProviderCircuits circuits(RelayApp app) {
        return app.context().getRegistry().lookupByNameAndType(RelayConfiguration.CIRCUITS, ProviderCircuits.class);
    }

    private static QuotaGate gate(RelayApp app) {
        return app.context().getRegistry().lookupByNameAndType(RelayConfiguration.QUOTA_GATES, QuotaGates.class).all().get(0);
    }
}
