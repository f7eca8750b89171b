package io.captionrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.KafkaBroker;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.S3Events;
import io.captionrelay.testing.S3Server;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka source against real servers in this JVM: a KRaft broker (the test kit), S3Proxy, and a paid provider stub
 * counting calls per image. Group members are whole apps (Camel contexts), each with its own ledger, writing sidecars
 * into one shared outbox: a record handled by two members is paid for twice; a record none finished has no sidecar.
 */
class KafkaSourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BUCKET = "photos";

    private static KafkaBroker kafka;

    @TempDir
    Path tmp;

    private S3Server s3;
    private PaidProviderStub provider;
    private final List<RelayApp> apps = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3Server.start(BUCKET);
    }

    @AfterEach
    void stop() throws Exception {
        for (RelayApp app : apps) {
            app.close();
        }
        provider.close();
        s3.close();
    }

    private RelayApp member(String name, String topic, String group, String maxPollRecords) throws Exception {
        RelayApp app = s3.configure(new RelayApp(tmp.resolve(name)))
                .with("relay.outbox.dir", tmp.resolve("outbox").toString())
                .with("relay.sinks", "file")
                .with("relay.kafka.source.enabled", "true")
                .with("relay.kafka.source.brokers", kafka.bootstrapServers())
                .with("relay.kafka.source.topic", topic)
                .with("relay.kafka.source.group", group)
                .with("relay.kafka.source.max-poll-records", maxPollRecords)
                .with("relay.kafka.source.dead-letter-topic", topic + "-dead")
                .with("relay.events.file-root", tmp.resolve("files").toString())
                // a member that stops without leaving the group loses its partitions after 6 s (the broker's minimum)
                .with("camel.component.kafka.session-timeout-ms", "6000")
                .with("camel.component.kafka.heartbeat-interval-ms", "1000");
        provider.settings().forEach(app::with);
        apps.add(app);
        return app.start();
    }

    @Test
    void should_describe_every_image_once_across_a_three_member_group_and_commit_every_record() throws Exception {
        provider = new PaidProviderStub(200, 400);
        kafka.createTopics(6, "work-a", "work-a-dead");
        for (int i = 0; i < 3; i++) {
            member("member-" + i, "work-a", "relay-a", "2");
        }
        await().atMost(WAIT).until(() -> stableWithMembers("relay-a", 3));
        Map<String, String> shaBySidecar = new TreeMap<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            String key = "in/img " + i + ".jpg";
            byte[] image = TestImages.uniqueJpeg(200 + i, 40, 30);
            s3.put(BUCKET, key, image);
            shaBySidecar.put(key + ".imagedescriber.json", PaidProviderStub.sha256(image));
            records.add(i % 2 == 0 ? S3Events.minioCreated(BUCKET, key) : JSON.writeValueAsString(Map.of("bucket", BUCKET, "key", key)));
        }
        for (int i = 0; i < 2; i++) {
            byte[] image = TestImages.uniqueJpeg(300 + i, 40, 30);
            Files.createDirectories(tmp.resolve("files/shared"));
            Files.write(tmp.resolve("files/shared/f" + i + ".jpg"), image);
            shaBySidecar.put("shared/f" + i + ".jpg.imagedescriber.json", PaidProviderStub.sha256(image));
            records.add("{\"file\":\"shared/f" + i + ".jpg\"}");
        }
        records.add(S3Events.s3("s3:ObjectRemoved:Delete", BUCKET, "in/img 0.jpg"));
        send("work-a", records);

        await().atMost(WAIT).until(() -> shaBySidecar.keySet().stream().allMatch(s -> Files.exists(tmp.resolve("outbox").resolve(s))));
        assertThat(PaidProviderStub.perImage(provider.calls())).as("calls per image")
                .containsOnlyKeys(shaBySidecar.values()).allSatisfy((sha, calls) -> assertThat(calls).isEqualTo(1));
        await().atMost(WAIT).until(() -> committed("relay-a", "work-a") == records.size());
        assertThat(apps).allSatisfy(app -> assertThat(app.progress().describedCount()).as("partitions spread over the group").isPositive());
        assertThat(readAll("work-a-dead")).isEmpty();
    }

    @Test
    void should_give_a_stopped_members_uncommitted_records_to_another_member() throws Exception {
        provider = new PaidProviderStub(600, 900);
        kafka.createTopics(6, "work-b", "work-b-dead");
        for (int i = 0; i < 3; i++) {
            member("member-" + i, "work-b", "relay-b", "4");
        }
        await().atMost(WAIT).until(() -> stableWithMembers("relay-b", 3));
        Map<String, String> shaBySidecar = new TreeMap<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String key = "in/b" + i + ".jpg";
            byte[] image = TestImages.uniqueJpeg(400 + i, 40, 30);
            s3.put(BUCKET, key, image);
            shaBySidecar.put(key + ".imagedescriber.json", PaidProviderStub.sha256(image));
            records.add(JSON.writeValueAsString(Map.of("bucket", BUCKET, "key", key)));
        }
        send("work-b", records);

        await().atMost(WAIT).until(() -> apps.get(0).progress().doneCount() >= 2);
        apps.get(0).context().getShutdownStrategy().setTimeout(1); // one second for what it has in hand, then forced
        apps.get(0).stop();

        await().atMost(WAIT).until(() -> shaBySidecar.keySet().stream().allMatch(s -> Files.exists(tmp.resolve("outbox").resolve(s))));
        Map<String, Integer> calls = PaidProviderStub.perImage(provider.calls());
        assertThat(calls).containsOnlyKeys(shaBySidecar.values());
        assertThat(calls.values().stream().filter(n -> n > 1).toList()).as("paid twice: at most the call in flight at the stop")
                .hasSizeLessThanOrEqualTo(1).allSatisfy(n -> assertThat(n).isEqualTo(2));
        await().atMost(WAIT).until(() -> committed("relay-b", "work-b") == records.size());
    }

    @Test
    void should_send_a_record_that_fails_to_the_dead_letter_topic_with_its_reason_and_go_on() throws Exception {
        provider = new PaidProviderStub(0, 0);
        kafka.createTopics(1, "work-c", "work-c-dead");
        Files.createDirectories(tmp.resolve("files"));
        member("member-0", "work-c", "relay-c", "10");
        s3.put(BUCKET, "in/ok.jpg", TestImages.uniqueJpeg(500, 40, 30));
        send("work-c", List.of("{\"file\":\"../../etc/passwd\"}", "not json", JSON.writeValueAsString(Map.of("bucket", BUCKET, "key", "in/ok.jpg"))));

        await().atMost(WAIT).until(() -> Files.exists(tmp.resolve("outbox/in/ok.jpg.imagedescriber.json")));
        await().atMost(WAIT).until(() -> committed("relay-c", "work-c") == 3);
        List<JsonNode> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readAll("work-c-dead")) {
            dead.add(JSON.readTree(record.value()));
        }
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(d -> d.path("message").asText()).containsExactly("{\"file\":\"../../etc/passwd\"}", "not json");
        assertThat(dead).extracting(d -> d.path("errorClass").asText()).containsOnly("bad-input");
        assertThat(dead.get(0).path("reason").asText()).contains("not a file below relay.events.file-root");
        assertThat(dead.get(1).path("reason").asText()).startsWith("not JSON");
        assertThat(provider.calls()).hasSize(1);
    }

    private static void send(String topic, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, "r" + i, values.get(i))).get();
            }
        }
    }

    /** Whether the group has settled with this many members, each with its partitions. */
    private static boolean stableWithMembers(String group, int members) throws Exception {
        try (Admin admin = kafka.admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            return description.state() == ConsumerGroupState.STABLE && description.members().size() == members
                    && description.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
        }
    }

    /** Records the group has committed past, over all partitions of the topic. */
    private static long committed(String group, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
                return !consumer.assignment().isEmpty() && consumer.endOffsets(consumer.assignment()).entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return all;
    }
}
