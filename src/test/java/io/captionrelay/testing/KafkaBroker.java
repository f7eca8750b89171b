package io.captionrelay.testing;

import java.util.List;
import java.util.Map;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** A real Kafka broker in this JVM: Kafka 3.9's own KRaft test kit, one combined node, no topics made on demand. */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit kafka;

    private KafkaBroker(KafkaClusterTestKit kafka) {
        this.kafka = kafka;
    }

    public static KafkaBroker start() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new KafkaBroker(kafka);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /** Creates the topics, {@code partitions} each. */
    public void createTopics(int partitions, String... names) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(names).stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList()).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
