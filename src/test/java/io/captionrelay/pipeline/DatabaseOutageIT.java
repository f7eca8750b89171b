package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.LogRecorder;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.RestartablePostgresql;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application on a real PostgreSQL that is stopped and started again (same port, same data) while
 * images flow to a provider that costs money: the outage is ridden out, and when it outlasts the retries the
 * answer already paid for is kept, so the image moved back costs no second call.
 */
class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private RestartablePostgresql postgres;
    private PaidProviderStub provider;
    private RelayApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void should_ride_out_a_database_restart_in_the_middle_of_a_batch_losing_nothing_and_paying_once() throws Exception {
        postgres = new RestartablePostgresql(tmp.resolve("pgdata"));
        provider = new PaidProviderStub(150, 400);
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            images.put("batch/p" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
        }
        app = app().with("relay.db.retry.max-retries", "12").with("relay.db.retry.initial-delay", "200")
                .with("relay.db.retry.max-delay", "1000")
                .with("relay.sink.retry.max-retries", "12").with("relay.sink.retry.initial-delay", "200")
                .with("relay.sink.retry.max-delay", "1000")
                .start();

        try (LogRecorder retries = new LogRecorder("org.apache.camel.processor.errorhandler.DefaultErrorHandler")) {
            images.forEach(this::drop);
            await().atMost(WAIT).until(() -> provider.calls().size() >= 6);
            postgres.stop();
            // images keep flowing into the outage: the ledger's (or the sink's) retries are under way
            await().atMost(WAIT).until(() -> retries.contains("On delivery attempt: 2"));
            postgres.start();
        }

        await().atMost(WAIT).until(() -> countImages(app.inbox.resolve(".done")) == images.size());
        assertThat(countImages(app.inbox.resolve(".failed"))).isZero();
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            assertThat(app.inbox.resolve(".done").resolve(image.getKey())).hasBinaryContent(image.getValue());
        }
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(images.size());
        assertThat(app.count("SELECT COUNT(DISTINCT image_sha256) FROM image_caption")).isEqualTo(images.size());
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(images.size());
        Map<String, Integer> calls = PaidProviderStub.perImage(provider.calls());
        assertThat(calls).hasSize(images.size());
        assertThat(calls.values()).as("each image paid once").containsOnly(1);
    }

    @Test
    void should_keep_the_paid_answer_when_the_outage_outlasts_the_retries_so_moving_the_image_back_costs_no_call()
            throws Exception {
        postgres = new RestartablePostgresql(tmp.resolve("pgdata"));
        provider = new PaidProviderStub(1500, 1500);
        byte[] image = TestImages.uniqueJpeg(7, 80, 60);
        app = app().with("relay.db.retry.max-retries", "2").with("relay.db.retry.initial-delay", "100")
                .with("relay.db.retry.max-delay", "200").with("relay.db.connection-timeout", "500")
                .with("relay.db.paid-answers.flush-interval", "200")
                .start();

        drop("paid.jpg", image);
        await().atMost(WAIT).until(() -> provider.calls().size() == 1);
        postgres.stop(); // the answer is on its way; the ledger is gone

        Path record = app.inbox.resolve(".failed/paid.jpg.error.json");
        await().atMost(WAIT).until(() -> Files.exists(record) && Files.exists(app.inbox.resolve(".failed/paid.jpg")));
        JsonNode why = JSON.readTree(record.toFile());
        assertThat(why.path("errorClass").asText()).isEqualTo("transient");
        assertThat(why.path("reason").asText()).contains("the database was unreachable");
        assertThat(why.path("paidResult").path("imageSha256").asText()).isEqualTo(PaidProviderStub.sha256(image));
        assertThat(why.path("paidResult").path("provider").asText()).isEqualTo("imagedescriber");
        assertThat(why.path("paidResult").path("description").asText()).contains("It shows");

        postgres.start();
        Files.move(app.inbox.resolve(".failed/paid.jpg"), app.inbox.resolve("paid.jpg")); // as the README says
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/paid.jpg")));
        await().atMost(WAIT).until(() -> app.count("SELECT COUNT(*) FROM caption_ledger") == 1);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(1);
        assertThat(provider.calls()).as("the kept answer was used: no second call").hasSize(1);
        assertThat(JSON.readTree(app.outbox.resolve("paid.jpg.imagedescriber.json").toFile()).path("description").asText())
                .contains("It shows");
    }

    private RelayApp app() {
        RelayApp relay = new RelayApp(tmp)
                .with("relay.db.url", postgres.jdbcUrl())
                .with("relay.db.user", RestartablePostgresql.USER)
                .with("relay.db.connection-timeout", "1000")
                .with("relay.pipeline.workers", "4")
                .with("relay.sinks", "file,jdbc");
        provider.settings().forEach(relay::with);
        return relay;
    }

    private void drop(String relative, byte[] bytes) {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private static long countImages(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jpg")).count();
        }
    }
}
