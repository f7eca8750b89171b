package io.captionrelay.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.areas.Area;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.SafePath;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.PendingRefeed;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes down why an item failed: the error class, a message a person understands, the sink that did
 * not accept the result when that was the reason, and when. Used
 * by the sources' error handling (e.g. {@code routes/drop-folder.camel.yaml}), which stores the
 * record beside the item it moves aside.
 */
public final class FailureRecords {

    /** The registry name it is bound under. */
    public static final String BEAN = "failureRecords";

    /** Header set for the source: the record's path under the source's root, e.g. {@code .failed/a/b.jpg.error.json}. */
    public static final String RECORD_PATH = RelayHeaders.FAILURE_RECORD_PATH;
    /** Exchange property: where the item goes, {@link #FAILED} or {@link #PENDING}. */
    public static final String AREA = RelayHeaders.FAILURE_AREA;
    /** Items that failed for good: fix them, move them back to retry ({@link Area#FAILED}). */
    public static final String FAILED = ".failed";
    /** Items that wait for a provider (key refused, credit out, rate limit): fed back once it answers ({@link Area#PENDING}). */
    public static final String PENDING = ".pending";

    private static final Logger LOG = LoggerFactory.getLogger(FailureRecords.class);

    private final ObjectMapper mapper;
    private final RecordPlacement placement;

    /** Writes a reason record where the source will put the item, and tells the source that place (drop folder: InboxArchive). */
    @FunctionalInterface
    public interface RecordPlacement {
        void place(Exchange exchange, String area, String record) throws java.io.IOException;
    }

    public FailureRecords(ObjectMapper mapper, RecordPlacement placement) {
        this.mapper = mapper;
        this.placement = placement;
    }

    /** Replaces the body with the JSON reason record and sets {@link #RECORD_PATH}. */
    public void describeFailure(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ErrorClass errorClass = classify(cause);
        String reason = Secret.scrub(reason(cause)); // a provider may have quoted a key
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        String source = job != null ? job.source() : exchange.getMessage().getHeader(RelayHeaders.SOURCE, String.class);
        String recordPath = job != null ? job.outputPath()
                : SafePath.of(exchange.getMessage().getHeader(RelayHeaders.ITEM_PATH, String.class));

        ObjectNode record = mapper.createObjectNode();
        record.put("source", source);
        record.put("errorClass", errorClass.label());
        record.put("reason", reason);
        if (job != null && hasFacts(job)) {
            record.put("imageSha256", job.facts().sha256());
        }
        SinkFailure sinkFailure = sinkFailure(cause);
        ProviderFailure providerFailure = providerFailure(cause);
        String task = exchange.getMessage().getHeader(RelayHeaders.TASK, String.class);
        if (task == null && sinkFailure != null) {
            task = sinkFailure.task();
        }
        if (task == null && providerFailure != null) {
            task = providerFailure.task().id();
        }
        if (task != null) {
            record.put("task", task);
        }
        if (providerFailure != null) {
            record.put("provider", providerFailure.task().provider());
        }
        if (sinkFailure != null) {
            record.put("sink", sinkFailure.sink());
        }
        record.put("time", Instant.now().toString());
        if (errorClass == ErrorClass.AMBIGUOUS) {
            // sent and unanswered: PendingRefeed leaves it in the pending area until a person moves it back
            record.put(PendingRefeed.MAY_BE_CHARGED, true);
        }
        CaptionResult paid = paidResult(cause);
        if (paid != null) {
            // the provider was paid for this answer: it is in the ledger or kept aside, and here for a person to see
            record.set("paidResult", mapper.valueToTree(paid));
        }

        String area = waitsForProvider(errorClass) ? PENDING : FAILED;
        exchange.setProperty(AREA, area);
        if (area.equals(PENDING)) {
            LOG.warn("Pending {}: {}: {}", source, errorClass.label(), reason);
        } else {
            LOG.warn("Failed {}: {}: {}", source, errorClass.label(), reason);
        }
        exchange.getMessage().setHeader(RECORD_PATH, area + "/" + recordPath + recordSuffix(area));
        exchange.getMessage().setBody(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(record));
    }

    /** How a reason record's name ends in {@code area}: {@code .pending.json} or {@code .error.json}. */
    public static String recordSuffix(String area) {
        return Area.of(area).recordSuffix();
    }

    /** Where the source moves a failed item: {@code .failed}, or {@code .pending} when it only waits for a provider. */
    public String area(Exchange exchange) {
        return exchange.getProperty(AREA, FAILED, String.class);
    }

    /** Whether a failed exchange's item went to (or, for a source without records, would go to) the pending area. */
    static boolean waitsForProvider(Exchange exchange) {
        String area = exchange.getProperty(AREA, String.class);
        if (area != null) {
            return area.equals(PENDING);
        }
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return cause != null && waitsForProvider(classify(cause));
    }

    /**
     * Batch mode gives up on a stuck drop-folder image: Camel fails its exchange at shutdown, which moves the image to
     * {@code .failed} but can no longer run the route's error handling; this puts it aside in {@code inbox}'s failed
     * area with the reason record it would have had (the consumer's move then takes the place chosen here).
     */
    public void recordStuck(Exchange exchange, String reason) throws Exception {
        if (exchange.getMessage().getHeader(Exchange.FILE_NAME_CONSUMED, String.class) == null) {
            return; // not from the drop folder
        }
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        ObjectNode json = mapper.createObjectNode();
        json.put("source", job != null ? job.source() : exchange.getMessage().getHeader(RelayHeaders.SOURCE, String.class));
        json.put("errorClass", ErrorClass.TRANSIENT.label());
        json.put("reason", reason);
        json.put("time", Instant.now().toString());
        // the drop folder's moveFailed then takes the image to the name chosen with this record
        placement.place(exchange, FAILED, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    /** Whether {@code cause} only makes the item wait for its provider (see {@link #waitsForProvider(ErrorClass)}). */
    public static boolean waitsForProvider(Throwable cause) {
        return waitsForProvider(classify(cause));
    }

    /**
     * Rate limits, refused keys and spent credit are not the image's fault: the image waits, it does not fail. A call
     * that may have been charged (parked) waits too, for a person to decide.
     */
    static boolean waitsForProvider(ErrorClass errorClass) {
        return errorClass == ErrorClass.AUTH || errorClass == ErrorClass.OUT_OF_CREDIT || errorClass == ErrorClass.RATE_LIMITED
                || errorClass == ErrorClass.AMBIGUOUS;
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

    /** The answer the provider was paid for, when the item failed after it arrived. */
    private static CaptionResult paidResult(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LedgerFailure ledger && ledger.paidResult() != null) {
                return ledger.paidResult();
            }
            if (t instanceof SinkFailure sink && sink.result() != null) {
                return sink.result();
            }
        }
        return null;
    }

    /** The provider's failure, when that is why the item failed. */
    private static ProviderFailure providerFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ProviderFailure failure) {
                return failure;
            }
        }
        return null;
    }

    private static SinkFailure sinkFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SinkFailure failure) {
                return failure;
            }
        }
        return null;
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
