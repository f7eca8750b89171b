package io.captionrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.S3Events;
import io.captionrelay.testing.S3Server;
import io.captionrelay.testing.SqsServer;
import io.captionrelay.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The SQS source against real servers in this JVM: ElasticMQ (SQS) with S3 event JSON, S3Proxy (the bucket), and a
 * paid provider stub that counts calls per image. Consumers are whole apps (Camel contexts), each with its own ledger:
 * an image handed to two of them would be paid for twice.
 */
class SqsSourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BUCKET = "photos";
    private static final String QUEUE = "uploads";
    private static final String DEAD = "uploads-dead";

    @TempDir
    Path tmp;

    private S3Server s3;
    private SqsServer sqs;
    private PaidProviderStub provider;
    private final List<RelayApp> apps = new ArrayList<>();

    @BeforeEach
    void startServers() throws Exception {
        s3 = S3Server.start(BUCKET);
        sqs = SqsServer.start(QUEUE, DEAD);
    }

    @AfterEach
    void stop() throws Exception {
        for (RelayApp app : apps) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
        sqs.close();
        s3.close();
    }

    private RelayApp start(String name, String visibilityTimeout, String maxReceives) throws Exception {
        return start(name, visibilityTimeout, maxReceives, Map.of());
    }

    private RelayApp start(String name, String visibilityTimeout, String maxReceives, Map<String, String> more) throws Exception {
        RelayApp app = sqs.configure(s3.configure(new RelayApp(tmp.resolve(name))), QUEUE, DEAD)
                .with("relay.sqs.visibility-timeout", visibilityTimeout)
                .with("relay.sqs.max-receives", maxReceives)
                .with("relay.sinks", "file");
        provider.settings().forEach(app::with);
        more.forEach(app::with);
        apps.add(app);
        return app.start();
    }

    @Test
    void should_describe_each_object_once_across_three_consumers_while_calls_outlast_the_visibility_timeout() throws Exception {
        provider = new PaidProviderStub(2500, 3500); // longer than the 2 s visibility timeout: only its extension keeps a message hidden
        for (int i = 0; i < 3; i++) {
            // two images in hand at a time, two messages a receive: what one consumer cannot take, the others do
            start("consumer-" + i, "2", "3", Map.of("relay.pipeline.max-in-progress", "2", "relay.sqs.max-per-poll", "2"));
        }
        Map<String, String> shaByKey = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            String key = "uploads/trip " + i + "/beach+sun " + i + ".jpg"; // URL-encoded in the event: %2B and +
            byte[] image = TestImages.uniqueJpeg(100 + i, 48, 32);
            s3.put(BUCKET, key, image);
            shaByKey.put(key, PaidProviderStub.sha256(image));
            sqs.send(QUEUE, S3Events.created(BUCKET, key));
        }

        await().atMost(WAIT).until(() -> sqs.messages(QUEUE) == 0);
        for (String key : shaByKey.keySet()) {
            assertThat(sidecars(key + ".imagedescriber.json")).as(key).hasSize(1);
        }
        assertThat(PaidProviderStub.perImage(provider.calls())).as("calls per image")
                .containsOnlyKeys(shaByKey.values()).allSatisfy((sha, calls) -> assertThat(calls).isEqualTo(1));
        assertThat(apps).allSatisfy(app -> assertThat(app.progress().describedCount()).as("every consumer took a share").isPositive());
        assertThat(sqs.messages(DEAD)).isZero();
    }

    @Test
    void should_delete_a_message_only_once_its_image_completed() throws Exception {
        provider = new PaidProviderStub(5000, 5000);
        RelayApp app = start("one", "2", "3");
        s3.put(BUCKET, "uploads/slow.jpg", TestImages.uniqueJpeg(7, 40, 40));
        sqs.send(QUEUE, S3Events.created(BUCKET, "uploads/slow.jpg"));

        await().atMost(WAIT).until(() -> provider.calls().size() == 1);
        assertThat(sqs.messages(QUEUE)).as("in the queue, hidden, while its provider works").isEqualTo(1);
        // hidden from the others all along, past the 2 s visibility timeout (each look is a real receive)
        await().during(Duration.ofMillis(2500)).atMost(WAIT).until(() -> sqs.receive(QUEUE).isEmpty());
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 1);
        await().atMost(WAIT).until(() -> sqs.messages(QUEUE) == 0);
        assertThat(provider.calls()).hasSize(1);
    }

    @Test
    void should_send_a_message_that_keeps_failing_to_the_dead_letter_queue_with_its_reason() throws Exception {
        provider = new PaidProviderStub(0, 0);
        start("one", "1", "2");
        s3.put(BUCKET, "uploads/notes.jpg", "not a picture at all".getBytes(StandardCharsets.UTF_8));
        String notAnImage = S3Events.created(BUCKET, "uploads/notes.jpg");
        sqs.send(QUEUE, notAnImage);
        sqs.send(QUEUE, "{\"Records\": [ truncated");

        List<JsonNode> records = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (Message m : sqs.receive(DEAD)) {
                records.add(JSON.readTree(m.body()));
            }
            return records.size() == 2;
        });
        JsonNode image = records.stream().filter(r -> r.path("message").asText().equals(notAnImage)).findFirst().orElseThrow();
        assertThat(image.path("receiveCount").asInt()).isEqualTo(2);
        assertThat(image.path("references").get(0).asText()).isEqualTo("s3://photos/uploads/notes.jpg");
        assertThat(image.path("errorClass").asText()).isEqualTo("bad-input");
        assertThat(image.path("reason").asText()).startsWith("not an image");
        JsonNode garbage = records.stream().filter(r -> r.path("message").asText().startsWith("{\"Records\": [ trunc")).findFirst().orElseThrow();
        assertThat(garbage.path("errorClass").asText()).isEqualTo("bad-input");
        assertThat(garbage.path("reason").asText()).startsWith("not JSON");
        assertThat(garbage.path("receiveCount").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> sqs.messages(QUEUE) == 0);
        assertThat(provider.calls()).isEmpty();
        assertThat(s3.keys(BUCKET, "")).as("the object stays where it is").containsExactly("uploads/notes.jpg");
    }

    @Test
    void should_ignore_test_events_and_deletions_and_take_the_eventbridge_form() throws Exception {
        provider = new PaidProviderStub(0, 0);
        RelayApp app = start("one", "2", "1");
        byte[] image = TestImages.uniqueJpeg(3, 40, 30);
        s3.put(BUCKET, "uploads/bridge/photo.jpg", image);
        sqs.send(QUEUE, S3Events.testEvent(BUCKET));
        sqs.send(QUEUE, S3Events.s3("ObjectRemoved:Delete", BUCKET, "uploads/bridge/photo.jpg"));
        sqs.send(QUEUE, S3Events.eventBridgeCreated(BUCKET, "uploads/bridge/photo.jpg"));

        await().atMost(WAIT).until(() -> sqs.messages(QUEUE) == 0);
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 1);
        assertThat(sidecars("uploads/bridge/photo.jpg.imagedescriber.json")).hasSize(1);
        assertThat(PaidProviderStub.perImage(provider.calls())).containsExactly(Map.entry(PaidProviderStub.sha256(image), 1));
        assertThat(sqs.messages(DEAD)).as("acknowledged, not failed (max-receives 1 would dead-letter a failure)").isZero();
        assertThat(app.progress().failedCount()).isZero();
    }

    /** The sidecars named {@code name} in every consumer's outbox. */
    private List<Path> sidecars(String name) {
        return apps.stream().map(app -> app.outbox.resolve(name)).filter(Files::exists).toList();
    }
}
