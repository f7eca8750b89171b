package io.captionrelay.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.s3.S3Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What the event sources ({@code routes/source-sqs.camel.yaml}, {@code routes/source-kafka.camel.yaml}) call:
 * reading a message into the objects it names, opening each for {@code direct:intake}, and the dead-letter record
 * of a message that failed. Objects are read through {@link S3Store} (the app's one S3 client); files only below
 * {@code relay.events.file-root}. The source leaves objects and files where they are: the sinks get the results.
 */
public final class EventItems {

    private static final Logger LOG = LoggerFactory.getLogger(EventItems.class);

    private final EventMessages messages;
    private final S3Store store;
    private final Optional<Path> fileRoot;
    private final long maxBytes;
    private final ObjectMapper mapper;

    public EventItems(EventMessages messages, S3Store store, Optional<Path> fileRoot, long maxBytes, ObjectMapper mapper) {
        this.messages = messages;
        this.store = store;
        this.fileRoot = fileRoot;
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    /**
     * First step of a source route: keeps the message text, and makes the body the list of references it names
     * (empty for a test event or a deletion: {@code CaptionRelayEventIgnored} then says why).
     */
    public void read(Exchange exchange, String origin) throws RelayException {
        Message message = exchange.getMessage();
        String text = message.getBody(String.class);
        exchange.setProperty(RelayHeaders.EVENT_MESSAGE, text);
        // until a reference is known, a failure record names the message
        message.setHeader(RelayHeaders.SOURCE, origin);
        message.setHeader(RelayHeaders.ITEM_PATH, "event");
        EventMessages.Parsed parsed = messages.parse(text);
        exchange.setProperty(RelayHeaders.EVENT_REFERENCES, parsed.references());
        if (parsed.ignored() != null) {
            exchange.setProperty(RelayHeaders.EVENT_IGNORED, parsed.ignored());
            LOG.info("Ignored {}: {}", origin, parsed.ignored());
        }
        message.setBody(parsed.references());
    }

    /** For each reference (the split body): the item's headers and its bytes as a stream, for {@code direct:intake}. */
    public void open(Exchange exchange) throws IOException, RelayException {
        Message message = exchange.getMessage();
        ObjectReference reference = message.getBody(ObjectReference.class);
        message.setHeader(RelayHeaders.SOURCE, reference.toString());
        if (reference.isFile()) {
            Path file = insideFileRoot(reference.file());
            message.setHeader(RelayHeaders.ITEM_PATH, fileRoot.orElseThrow().relativize(file).toString());
            long size = Files.size(file);
            message.setHeader(RelayHeaders.ITEM_SIZE, size);
            // over the limit, intake refuses it by its size: not even opened
            message.setBody(size > maxBytes ? InputStream.nullInputStream() : Files.newInputStream(file));
            return;
        }
        message.setHeader(RelayHeaders.ITEM_PATH, reference.key());
        ResponseInputStream<GetObjectResponse> object = store.open(reference.bucket(), reference.key())
                .orElseThrow(() -> RelayException.badInput("no such object: " + reference));
        Long size = object.response().contentLength();
        if (size != null) {
            message.setHeader(RelayHeaders.ITEM_SIZE, size);
            if (size > maxBytes) {
                object.abort(); // refused by its size: not downloaded (closing would drain it)
            }
        }
        message.setBody(object);
    }

    /**
     * Error handler, after {@code failureRecords.describeFailure}: the reason record (the body) with the message as
     * it came and the references it named, for a dead-letter queue or topic.
     */
    public void deadLetter(Exchange exchange) throws IOException {
        ObjectNode record = (ObjectNode) mapper.readTree(exchange.getMessage().getBody(String.class));
        List<?> references = exchange.getProperty(RelayHeaders.EVENT_REFERENCES, List.of(), List.class);
        references.forEach(r -> record.withArray("references").add(r.toString()));
        Object receives = exchange.getProperty(RelayHeaders.SQS_RECEIVE_COUNT);
        if (receives != null) {
            record.put("receiveCount", Integer.parseInt(receives.toString()));
        }
        record.put("message", exchange.getProperty(RelayHeaders.EVENT_MESSAGE, String.class));
        exchange.getMessage().setBody(mapper.writeValueAsString(record));
    }

    /** The file, when it lies below the file root (links followed); refused otherwise. */
    private Path insideFileRoot(String name) throws IOException, RelayException {
        Path configured = fileRoot.orElseThrow(() -> RelayException.badInput(
                "file references are off (relay.events.file-root is empty): " + name));
        if (!Files.isDirectory(configured)) {
            throw new IOException("relay.events.file-root is not a folder: " + configured);
        }
        Path root = configured.toRealPath();
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root)) {
            throw RelayException.badInput("not a file below relay.events.file-root: " + name);
        }
        return file.toRealPath();
    }
}
