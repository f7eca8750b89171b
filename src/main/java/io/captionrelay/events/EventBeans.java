package io.captionrelay.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.s3.S3Beans;
import io.captionrelay.s3.S3Store;
import io.captionrelay.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Wires the event sources from {@code relay.sqs.*}, {@code relay.kafka.source.*} and {@code relay.events.*}: the
 * beans their routes call, and, when the SQS source is on, the SQS client its endpoints use
 * ({@code amazonSQSClient=#relaySqsClient}; credentials never in a URI). Nothing here touches the network.
 */
public final class EventBeans {

    /** Registry names the YAML routes use. */
    public static final String ITEMS = "eventItems";
    public static final String RECEIVE_LIMIT = "sqsReceiveLimit";
    public static final String KAFKA_OFFSETS = "kafkaOffsets";
    public static final String SQS_CLIENT = "relaySqsClient";

    private static final Logger LOG = LoggerFactory.getLogger(EventBeans.class);

    private EventBeans() {
    }

    public static void register(CamelContext context, Settings settings, ObjectMapper mapper) throws Exception {
        var registry = context.getRegistry();
        S3Store store = registry.lookupByNameAndType(S3Beans.STORE, S3Store.class);
        Optional<Path> fileRoot = nonBlank(settings, "relay.events.file-root").map(Path::of);
        registry.bind(ITEMS, new EventItems(new EventMessages(mapper, settings.stringOrEmpty("relay.events.prefix")), store, fileRoot, settings.longValue("relay.image.max-bytes"), mapper));
        registry.bind(RECEIVE_LIMIT, new ReceiveLimit(settings.intValue("relay.sqs.max-receives")));
        registry.bind(KAFKA_OFFSETS, new KafkaOffsets());
        if (settings.bool("relay.sqs.enabled")) {
            for (String key : new String[] {"relay.sqs.queue", "relay.sqs.dead-letter-queue"}) {
                if (nonBlank(settings, key).isEmpty()) {
                    throw new IllegalArgumentException(key + " must be set when relay.sqs.enabled=true");
                }
            }
            SqsClient client = sqsClient(settings);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    client.close();
                }
            }, true);
            registry.bind(SQS_CLIENT, SqsClient.class, client);
            LOG.info("SQS source: queue {} (dead letters: {} after {} receives)", settings.string("relay.sqs.queue"),
                    settings.string("relay.sqs.dead-letter-queue"), settings.string("relay.sqs.max-receives"));
        }
        if (settings.bool("relay.kafka.source.enabled")) {
            LOG.info("Kafka source: topic {} as group {} (dead letters: {})", settings.string("relay.kafka.source.topic"),
                    settings.string("relay.kafka.source.group"), settings.string("relay.kafka.source.dead-letter-topic"));
        }
    }

    static SqsClient sqsClient(Settings settings) {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(nonBlank(settings, "relay.sqs.region").orElse(settings.string("relay.s3.region"))))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(ApacheHttpClient.builder());
        nonBlank(settings, "relay.sqs.endpoint").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** relay.sqs.access-key/secret-key, else the S3 pair, else the SDK's default chain (environment, profile, role). */
    private static AwsCredentialsProvider credentials(Settings settings) {
        for (String prefix : new String[] {"relay.sqs.", "relay.s3."}) {
            Optional<String> access = nonBlank(settings, prefix + "access-key");
            Optional<String> secret = nonBlank(settings, prefix + "secret-key");
            if (access.isPresent() && secret.isPresent()) {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(access.get(), secret.get()));
            }
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Optional<String> nonBlank(Settings settings, String key) {
        return settings.optional(key).map(String::trim).filter(v -> !v.isEmpty());
    }
}
