package io.captionrelay.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes down why an item failed: the error class, a message a person understands, and when. Used
 * by the sources' error handling (e.g. {@code routes/drop-folder.camel.yaml}), which stores the
 * record beside the item it moves aside.
 */
public final class FailureRecords {

    /** Header set for the source: the record's path relative to the failed area, e.g. {@code a/b.jpg.error.json}. */
    public static final String RECORD_PATH = "CaptionRelayFailureRecordPath";

    private static final Logger LOG = LoggerFactory.getLogger(FailureRecords.class);

    private final ObjectMapper mapper;

    public FailureRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Replaces the body with the JSON reason record and sets {@link #RECORD_PATH}. */
    public void describeFailure(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ErrorClass errorClass = classify(cause);
        String reason = reason(cause);
        String source = exchange.getMessage().getHeader(RelayHeaders.SOURCE, String.class);
        String itemPath = exchange.getMessage().getHeader(RelayHeaders.ITEM_PATH, String.class);

        ObjectNode record = mapper.createObjectNode();
        record.put("source", source);
        record.put("errorClass", errorClass.label());
        record.put("reason", reason);
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        if (job != null && hasFacts(job)) {
            record.put("imageSha256", job.facts().sha256());
        }
        String task = exchange.getMessage().getHeader(RelayHeaders.TASK, String.class);
        if (task != null) {
            record.put("task", task);
        }
        record.put("time", Instant.now().toString());

        LOG.warn("Failed {}: {}: {}", source, errorClass.label(), reason);
        exchange.getMessage().setHeader(RECORD_PATH, SafePath.of(itemPath) + ".error.json");
        exchange.getMessage().setBody(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(record));
    }

    static ErrorClass classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RelayException relay) {
                return relay.errorClass();
            }
        }
        return ErrorClass.TRANSIENT;
    }

    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RelayException) {
                return t.getMessage();
            }
        }
        if (cause == null) {
            return "unknown failure";
        }
        String message = cause.getMessage();
        return "unexpected error (" + cause.getClass().getSimpleName() + ")" + (message == null ? "" : ": " + message);
    }

    private static boolean hasFacts(ImageJob job) {
        try {
            job.facts();
            return true;
        } catch (IllegalStateException notInspected) {
            return false;
        }
    }
}
