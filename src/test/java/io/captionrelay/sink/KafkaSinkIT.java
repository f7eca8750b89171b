package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.KafkaBroker;
import io.captionrelay.testing.LogRecorder;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka sink against a real broker: Kafka 3.9's own KRaft test kit, one combined node, in this JVM. */
class KafkaSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaBroker kafka;

    @TempDir
    Path tmp;

    private RelayApp app;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void should_publish_one_json_event_per_result_keyed_by_the_image_hash() throws Exception {
        String topic = createTopic("results-a");
        app = new RelayApp(tmp)
                .with("relay.sinks", "file,jdbc,kafka")
                .with("relay.sink.kafka.brokers", kafka.bootstrapServers())
                .with("relay.sink.kafka.topic", topic)
                .start();
        byte[] sea = TestImages.jpeg(320, 200, Color.BLUE);
        byte[] grass = TestImages.png(64, 64, Color.GREEN);
        drop("trip/sea.jpg", sea);
        drop("grass.png", grass);
        drop("copy of sea.jpg", sea);
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 3);
        assertThat(app.progress().failedCount()).isZero();

        // every item completed only after Kafka acknowledged its event: all of them are in the topic now
        List<ConsumerRecord<String, String>> records = readAll(topic);
        assertThat(records).hasSize(3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(sha256(sea), sha256(grass), sha256(sea));
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(event.path("imageSha256").asText()).isEqualTo(record.key());
            assertThat(event.path("provider").asText()).isEqualTo("local");
            assertThat(event.path("operation").asText()).isEqualTo("describe");
            assertThat(event.path("title").asText()).isNotBlank();
            assertThat(event.path("tags").isArray()).isTrue();
            assertThat(event.path("createdAt").asText()).isNotBlank();
            assertThat(event.has("raw")).as("include-raw defaults to true").isTrue();
            assertThat(record.value()).doesNotContain("\n");
            assertThat(header(record, "CaptionRelayTask")).isEqualTo("local");
            assertThat(header(record, "CaptionRelayEventId")).hasSize(64);
            // the event is the sidecar's result, field for field
            String path = event.path("source").asText().substring("file:".length());
            JsonNode sidecar = JSON.readTree(app.outbox.resolve(path + ".local.json").toFile());
            assertThat(event).isEqualTo(sidecar);
            assertThat(header(record, "CaptionRelayOutputPath")).isEqualTo(path);
        }
        List<String> sources = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            sources.add(JSON.readTree(record.value()).path("source").asText());
        }
        assertThat(sources).containsExactlyInAnyOrder("file:trip/sea.jpg", "file:grass.png", "file:copy of sea.jpg");
        assertThat(records).extracting(r -> header(r, "CaptionRelayEventId")).doesNotHaveDuplicates();
        assertThat(app.progress().describedCount()).as("the copy came from the ledger").isEqualTo(2);
    }

    @Test
    void should_leave_out_the_raw_answer_when_configured_to() throws Exception {
        String topic = createTopic("results-b");
        app = new RelayApp(tmp)
                .with("relay.sinks", "kafka")
                .with("relay.sink.kafka.brokers", kafka.bootstrapServers())
                .with("relay.sink.kafka.topic", topic)
                .with("relay.sink.kafka.include-raw", "false")
                .start();
        drop("one.jpg", TestImages.jpeg(64, 48, Color.ORANGE));
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 1);
        List<ConsumerRecord<String, String>> records = readAll(topic);
        assertThat(records).hasSize(1);
        JsonNode event = JSON.readTree(records.get(0).value());
        assertThat(event.has("raw")).isFalse();
        assertThat(event.path("title").asText()).isNotBlank();
        assertThat(app.outbox).doesNotExist();
    }

    @Test
    void should_fail_the_image_naming_the_kafka_sink_when_no_broker_answers() throws Exception {
        app = new RelayApp(tmp)
                .with("relay.sinks", "jdbc,kafka")
                .with("relay.sink.kafka.brokers", "127.0.0.1:" + freePort())
                .with("relay.sink.kafka.timeout", "1000")
                .with("relay.sink.retry.max-retries", "1")
                .with("relay.sink.retry.initial-delay", "100")
                .start();
        drop("lost.jpg", TestImages.jpeg(64, 48, Color.PINK));
        Path record = app.inbox.resolve(".failed/lost.jpg.error.json");
        await().atMost(WAIT).until(() -> Files.exists(record) && Files.exists(app.inbox.resolve(".failed/lost.jpg")));
        JsonNode reason = JSON.readTree(record.toFile());
        assertThat(reason.path("sink").asText()).isEqualTo("kafka");
        assertThat(reason.path("errorClass").asText()).isEqualTo("transient");
        assertThat(reason.path("reason").asText()).startsWith("sink 'kafka' did not accept the result");
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).as("paid once, kept for the re-run").isEqualTo(1);
    }

    @Test
    void should_retry_only_the_sink_that_failed_so_the_topic_gets_each_event_once() throws Exception {
        String topic = createTopic("results-c");
        app = new RelayApp(tmp)
                .with("relay.sinks", "kafka,jdbc")
                .with("relay.sink.kafka.brokers", kafka.bootstrapServers())
                .with("relay.sink.kafka.topic", topic)
                .with("relay.sink.retry.max-retries", "40")
                .with("relay.sink.retry.initial-delay", "100")
                .with("relay.sink.retry.max-delay", "400")
                .start();
        DataSource database = app.context().getRegistry()
                .lookupByNameAndType(RelayConfiguration.DATA_SOURCE, DataSource.class);
        int images = 4;
        try (LogRecorder retries = new LogRecorder("org.apache.camel.processor.errorhandler.DefaultErrorHandler")) {
            execute(database, "ALTER TABLE image_caption_tag RENAME TO image_caption_tag_away"); // the JDBC sink breaks
            for (int i = 0; i < images; i++) {
                drop("img-" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
            }
            await().atMost(WAIT).until(() -> retries.contains("On delivery attempt: 2", "sink 'jdbc' did not accept"));
            execute(database, "ALTER TABLE image_caption_tag_away RENAME TO image_caption_tag");
        }
        await().atMost(WAIT).until(() -> app.progress().doneCount() == images);
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(images);
        // kafka accepted each result before jdbc failed; retrying jdbc never sent it to kafka again
        assertThat(readAll(topic)).hasSize(images);
    }

    private static String createTopic(String name) throws Exception {
        kafka.createTopics(1, name);
        return name;
    }

    /** Every record in the topic's one partition, from the start to its end offset. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long end = consumer.endOffsets(Set.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return consumer.position(partition) >= end;
            });
            return records;
        }
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void drop(String relative, byte[] bytes) throws IOException {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
