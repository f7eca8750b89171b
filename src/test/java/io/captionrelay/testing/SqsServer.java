package io.captionrelay.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS-API server in this JVM (ElasticMQ, in memory, on a free port of 127.0.0.1), plus a plain SDK client
 * for tests to send messages and look at the queues.
 */
public final class SqsServer implements AutoCloseable {

    private static final String ACCESS_KEY = "relay-sqs-access";
    private static final String SECRET_KEY = "relay-sqs-secret";

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private SqsServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsClient.builder().endpointOverride(endpoint).region(Region.of(S3Server.REGION))
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static SqsServer start(String... queues) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        SqsServer sqs = new SqsServer(server, URI.create("http://127.0.0.1:" + port));
        for (String queue : queues) {
            sqs.client.createQueue(b -> b.queueName(queue));
        }
        return sqs;
    }

    /** The properties that make the app consume {@code queue}, its dead letters going to {@code deadLetters}. */
    public RelayApp configure(RelayApp app, String queue, String deadLetters) {
        return app.with("relay.sqs.enabled", "true")
                .with("relay.sqs.queue", queue)
                .with("relay.sqs.dead-letter-queue", deadLetters)
                .with("relay.sqs.endpoint", endpoint.toString())
                .with("relay.sqs.access-key", ACCESS_KEY)
                .with("relay.sqs.secret-key", SECRET_KEY)
                .with("relay.sqs.wait-time", "1");
    }

    public void send(String queue, String body) {
        client.sendMessage(b -> b.queueUrl(url(queue)).messageBody(body));
    }

    /** Messages in the queue, visible or not (received, not yet deleted). */
    public int messages(String queue) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(url(queue)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Messages received now (and so hidden for the queue's visibility timeout), up to ten. */
    public List<Message> receive(String queue) {
        return client.receiveMessage(b -> b.queueUrl(url(queue)).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    private String url(String queue) {
        return client.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
