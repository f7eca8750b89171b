package io.captionrelay.spend;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.ChatCompletions;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daily budget reached in the middle of a batch: calls stop at the cap (the provider's request journal holds
 * exactly the cap's calls), the rest of the images wait in the pending area with "budget reached", every paid
 * call is a row of {@code relay_paid_call}, and once the cap is raised in the budget file the waiting images
 * go on without a restart.
 */
class BudgetCapPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String KEY = "sk-budget-0123456789abcdef";
    private static final int IMAGES = 7;
    private static final int CAP = 3;

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

    @Test
    void should_stop_calls_at_the_cap_park_the_rest_and_resume_when_the_cap_is_raised() throws Exception {
        Path budgets = tmp.resolve("budgets.properties");
        writeCaps(budgets, "openai.per-day = " + CAP + "\n", Instant.now().minusSeconds(60));
        app = new RelayApp(tmp).with("relay.providers", "openai")
                .with("relay.provider.openai.base-url", stub.baseUrl())
                .with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", KEY)
                .with("relay.provider.openai.max-in-flight", "2")
                .with("relay.provider.openai.price-money", "0.01 USD")
                .with("relay.spend.budget-file", budgets.toString())
                .with("relay.circuit.probe-after", "1000").with("relay.pending.poll-interval", "200")
                .start();
        Files.createDirectories(app.inbox.resolve("batch"));
        for (int i = 0; i < IMAGES; i++) {
            Path staged = Files.write(tmp.resolve("staged-" + i), TestImages.uniqueJpeg(i, 64, 48));
            Files.move(staged, app.inbox.resolve("batch/p" + i + ".jpg"));
        }

        await().atMost(WAIT).until(() -> count(app.inbox.resolve(".done/batch")) == CAP
                && count(app.inbox.resolve(".pending/batch")) == IMAGES - CAP);
        assertThat(calls()).isEqualTo(CAP);
        Path record;
        try (Stream<Path> records = Files.list(app.inbox.resolve(".pending/batch"))) {
            record = records.filter(p -> p.toString().endsWith(".pending.json")).findFirst().orElseThrow();
        }
        JsonNode why = JSON.readTree(record.toFile());
        assertThat(why.path("errorClass").asText()).isEqualTo("out-of-credit");
        assertThat(why.path("reason").asText()).contains("budget reached");
        assertThat(why.path("provider").asText()).isEqualTo("openai");
        assertThat(app.count("SELECT COUNT(*) FROM relay_paid_call WHERE task = 'openai' AND credits = 1"
                + " AND money = 0.01 AND currency = 'USD' AND image_sha256 IS NOT NULL")).isEqualTo(CAP);
        assertThat(app.count("SELECT COUNT(*) FROM relay_paid_call WHERE key_fingerprint LIKE '%budget%'")).isZero();
        assertThat(app.count("SELECT COUNT(DISTINCT image_sha256) FROM relay_paid_call")).isEqualTo(CAP);
        assertThat(calls()).as("probes while the cap holds make no call").isEqualTo(CAP);

        // the cap is raised in the budget file: a probe fits, the circuit closes, the waiting images go on
        writeCaps(budgets, "openai.per-day = 100\n", Instant.now());
        await().atMost(WAIT).until(() -> count(app.inbox.resolve(".done/batch")) == IMAGES);
        assertThat(count(app.inbox.resolve(".pending/batch"))).isZero();
        assertThat(calls()).isEqualTo(IMAGES);
        assertThat(app.count("SELECT COUNT(*) FROM relay_paid_call WHERE task = 'openai'")).isEqualTo(IMAGES);
    }

    private static void writeCaps(Path file, String caps, Instant modified) throws Exception {
        Files.writeString(file, caps);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private int calls() {
        return stub.findAll(postRequestedFor(urlEqualTo(ChatCompletions.PATH))).size();
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).count();
        }
    }
}
