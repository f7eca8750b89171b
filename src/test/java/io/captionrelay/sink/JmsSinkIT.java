package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.LogRecorder;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.awt.Color;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMS sink against a real ActiveMQ Artemis broker embedded in this JVM (persistent journal in a temporary
 * folder, so it can be stopped and started again like a real one), and the fan-out's promises around it.
 */
class JmsSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUEUE = "captionrelay.results";

    @TempDir
    Path tmp;

    private int port;
    private EmbeddedActiveMQ broker;
    private RelayApp app;

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stopBroker();
    }

    @Test
    void should_send_one_persistent_json_message_per_result() throws Exception {
        startBroker();
        app = app("file,jdbc,jms").start();
        byte[] sea = TestImages.jpeg(320, 200, Color.BLUE);
        byte[] grass = TestImages.png(64, 64, Color.GREEN);
        drop("trip/sea.jpg", sea);
        drop("grass.png", grass);
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 2);
        assertThat(app.progress().failedCount()).isZero();

        // each image left the inbox only after the broker confirmed its message
        assertThat(messagesOnBroker()).isEqualTo(2);
        List<TextMessage> messages = receiveAll(2);
        List<String> hashes = new ArrayList<>();
        for (TextMessage message : messages) {
            JsonNode result = JSON.readTree(message.getText());
            String path = result.path("source").asText().substring("file:".length());
            assertThat(result).isEqualTo(JSON.readTree(app.outbox.resolve(path + ".local.json").toFile()));
            assertThat(message.getStringProperty("CaptionRelayImageSha256")).isEqualTo(result.path("imageSha256").asText());
            assertThat(message.getStringProperty("CaptionRelayTask")).isEqualTo("local");
            assertThat(message.getStringProperty("CaptionRelayOutputPath")).isEqualTo(path);
            assertThat(message.getStringProperty("CaptionRelayEventId")).hasSize(64);
            assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
            hashes.add(result.path("imageSha256").asText());
        }
        assertThat(hashes).containsExactlyInAnyOrder(sha256(sea), sha256(grass));
    }

    @Test
    void should_not_queue_a_result_twice_when_its_image_is_delivered_again() throws Exception {
        startBroker();
        app = app("file,jms").start();
        drop("sea.jpg", TestImages.jpeg(320, 200, Color.BLUE));
        drop("fire.jpg", TestImages.jpeg(64, 64, Color.RED));
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 2);
        assertThat(messagesOnBroker()).isEqualTo(2);

        // the same file again: delivered from the ledger to every sink; the broker drops the repeat by its id
        Files.move(app.inbox.resolve(".done/sea.jpg"), app.inbox.resolve("sea.jpg"));
        await().atMost(WAIT).until(() -> app.progress().doneCount() == 3);
        assertThat(app.progress().describedCount()).isEqualTo(2);
        assertThat(app.progress().failedCount()).isZero();
        assertThat(messagesOnBroker()).isEqualTo(2);
        assertThat(receiveAll(2)).hasSize(2);
    }

    @Test
    void should_ride_out_a_broker_outage_mid_batch_with_nothing_lost_and_nothing_twice() throws Exception {
        startBroker();
        app = app("file,jdbc,jms")
                .with("relay.sink.retry.max-retries", "40")
                .with("relay.sink.retry.initial-delay", "100")
                .with("relay.sink.retry.max-delay", "400")
                .start();
        int before = 3;
        int during = 5;
        for (int i = 0; i < before; i++) {
            drop("batch/before-" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
        }
        await().atMost(WAIT).until(() -> app.progress().doneCount() == before);

        try (LogRecorder retries = new LogRecorder("org.apache.camel.processor.errorhandler.DefaultErrorHandler")) {
            stopBroker();
            for (int i = 0; i < during; i++) {
                drop("batch/during-" + i + ".jpg", TestImages.uniqueJpeg(100 + i, 64, 48));
            }
            // the sink is being retried while the broker is away; the images wait in the inbox meanwhile
            await().atMost(WAIT).until(() -> retries.contains("On delivery attempt", "sink 'jms' did not accept"));
            assertThat(app.inbox.resolve(".failed")).doesNotExist();
            assertThat(app.progress().doneCount()).isLessThan(before + during);
            startBroker();
        }

        await().atMost(WAIT).until(() -> app.progress().doneCount() == before + during);
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.inbox.resolve(".failed")).doesNotExist();
        assertThat(app.progress().describedCount()).isEqualTo(before + during);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(before + during);
        assertThat(messagesOnBroker()).as("the messages from before the outage are still there").isEqualTo(before + during);
        List<String> sources = new ArrayList<>();
        for (TextMessage message : receiveAll(before + during)) {
            sources.add(JSON.readTree(message.getText()).path("source").asText());
        }
        assertThat(sources).doesNotHaveDuplicates().hasSize(before + during);
    }

    @Test
    void should_fail_images_naming_the_sink_and_deliver_them_from_the_ledger_when_moved_back() throws Exception {
        // no broker at all: the retries run out
        app = app("file,jdbc,jms")
                .with("relay.sink.retry.max-retries", "2")
                .with("relay.sink.retry.initial-delay", "50")
                .start();
        List<String> names = List.of("a.jpg", "b.png");
        drop("a.jpg", TestImages.jpeg(64, 48, Color.YELLOW));
        drop("b.png", TestImages.png(48, 64, Color.MAGENTA));
        for (String name : names) {
            Path record = app.inbox.resolve(".failed/" + name + ".error.json");
            await().atMost(WAIT).until(() -> Files.exists(record) && Files.exists(app.inbox.resolve(".failed/" + name)));
            JsonNode reason = JSON.readTree(record.toFile());
            assertThat(reason.path("sink").asText()).isEqualTo("jms");
            assertThat(reason.path("errorClass").asText()).isEqualTo("transient");
            assertThat(reason.path("reason").asText()).startsWith("sink 'jms' did not accept the result: ");
            assertThat(reason.path("task").asText()).isEqualTo("local");
            assertThat(reason.path("imageSha256").asText()).hasSize(64);
        }
        assertThat(app.progress().failedCount()).isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).as("each image was paid for once").isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).as("the sinks before jms have them").isEqualTo(2);

        // the broker is back; the user moves the images back into the inbox, as the README says
        startBroker();
        for (String name : names) {
            Files.delete(app.inbox.resolve(".failed/" + name + ".error.json"));
            Files.move(app.inbox.resolve(".failed/" + name), app.inbox.resolve(name));
        }
        await().atMost(WAIT).until(() -> names.stream().allMatch(n -> Files.exists(app.inbox.resolve(".done/" + n))));
        assertThat(app.progress().describedCount()).as("no second provider call").isZero();
        assertThat(app.progress().skippedCount()).as("both results came from the ledger").isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(2);
        assertThat(messagesOnBroker()).isEqualTo(2);
        try (Stream<Path> failed = Files.list(app.inbox.resolve(".failed"))) {
            assertThat(failed).isEmpty();
        }
    }

    @Test
    void should_start_and_deliver_to_other_sinks_when_jms_is_not_listed_and_no_broker_runs() throws Exception {
        app = app("file").start();
        drop("alone.jpg", TestImages.jpeg(64, 48, Color.GRAY));
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/alone.jpg")));
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.outbox.resolve("alone.jpg.local.json")).exists();
    }

    private RelayApp app(String sinks) {
        return new RelayApp(tmp)
                .with("relay.sinks", sinks)
                .with("relay.sink.jms.broker-url", "tcp://127.0.0.1:" + port)
                .with("relay.sink.jms.queue", QUEUE);
    }

    private void startBroker() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(tmp.resolve("broker/journal").toString())
                .setBindingsDirectory(tmp.resolve("broker/bindings").toString())
                .setPagingDirectory(tmp.resolve("broker/paging").toString())
                .setLargeMessagesDirectory(tmp.resolve("broker/large").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setMaxDiskUsage(-1)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    private void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    private long messagesOnBroker() {
        Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(QUEUE));
        return queue == null ? 0 : queue.getMessageCount();
    }

    /** Takes exactly {@code count} messages off the queue and checks that none is left. */
    private List<TextMessage> receiveAll(int count) throws Exception {
        List<TextMessage> messages = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(QUEUE))) {
            for (int i = 0; i < count; i++) {
                Message message = consumer.receive(WAIT.toMillis());
                assertThat(message).as("message " + (i + 1) + " of " + count).isInstanceOf(TextMessage.class);
                messages.add((TextMessage) message);
            }
            assertThat(consumer.receiveNoWait()).as("no message beyond " + count).isNull();
        }
        return messages;
    }

    private void drop(String relative, byte[] bytes) throws IOException {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
