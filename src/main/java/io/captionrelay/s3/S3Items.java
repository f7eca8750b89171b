package io.captionrelay.s3;

import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.SafePath;
import io.captionrelay.pipeline.FailureRecords;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * What {@code routes/s3-bucket.camel.yaml} needs beyond plain endpoint options: naming each object
 * for the pipeline, and the keys for moving a failed or pending object aside with its reason record
 * beside it. The moves themselves are aws2-s3 producer calls in the YAML (copyObject, then
 * deleteObject: S3 has no rename).
 */
public final class S3Items {

    /** Exchange property: the object's key as listed (the consumer's headers may be gone by the time it fails). */
    public static final String SOURCE_KEY = RelayHeaders.S3_SOURCE_KEY;
    /** Exchange property set by {@link #refeed}: the key a pending object goes back to; absent for reason records. */
    public static final String REFEED_KEY = RelayHeaders.S3_REFEED_KEY;

    /** Exchange property set by {@link #refeed}: the pending object's own key, deleted once it is back. */
    public static final String PENDING_KEY = RelayHeaders.S3_PENDING_KEY;

    private final S3Settings settings;
    private final long maxBytes;
    private final Predicate<String> goesBack;

    /** @param goesBack whether the pending object with this key should go back now (its provider is not stopped) */
    public S3Items(S3Settings settings, long maxBytes, Predicate<String> goesBack) {
        this.settings = settings;
        this.goesBack = goesBack;
        this.maxBytes = maxBytes;
    }

    /**
     * Source route, before {@code direct:intake}: {@code CaptionRelaySource = s3://bucket/key},
     * {@code CaptionRelayItemPath} = the key below the prefix, {@code CaptionRelayItemSize} = its size, so
     * an object over the size limit is refused without being downloaded.
     */
    public void describeItem(Exchange exchange) {
        Message message = exchange.getMessage();
        String key = message.getHeader(AWS2S3Constants.KEY, String.class);
        String bucket = message.getHeader(AWS2S3Constants.BUCKET_NAME, settings.bucket(), String.class);
        exchange.setProperty(SOURCE_KEY, key);
        message.setHeader(RelayHeaders.SOURCE, new S3Location(bucket, key).toString());
        message.setHeader(RelayHeaders.ITEM_PATH, relative(key));
        Long size = message.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
        if (size != null) {
            message.setHeader(RelayHeaders.ITEM_SIZE, size);
            if (size > maxBytes && message.getBody() instanceof ResponseInputStream<?> stream) {
                stream.abort(); // the pipeline refuses it by its listed size: do not download it (closing would drain it)
            }
        }
    }

    /**
     * Error handler, after {@code failureRecords.describeFailure}: the reason record (the body) is
     * put as {@code <failed-or-pending prefix><item path>.error.json} (or {@code .pending.json}).
     */
    public void recordHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        String area = exchange.getProperty(FailureRecords.AREA, FailureRecords.FAILED, String.class);
        String suffix = FailureRecords.PENDING.equals(area) ? ".pending.json" : ".error.json";
        S3Keys.clearS3Headers(message);
        S3Keys.use(message, S3Keys.join(settings.areaPrefix(area), areaPath(exchange), suffix));
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/json");
        message.setBody(message.getBody(String.class).getBytes(StandardCharsets.UTF_8));
    }

    /** Error handler: copy the object to {@code <failed-or-pending prefix><item path>} (then {@link #deleteHeaders}). */
    public void moveHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        String area = exchange.getProperty(FailureRecords.AREA, FailureRecords.FAILED, String.class);
        S3Keys.clearS3Headers(message);
        S3Keys.use(message, exchange.getProperty(SOURCE_KEY, String.class));
        message.setHeader(AWS2S3Constants.BUCKET_DESTINATION_NAME, settings.bucket());
        message.setHeader(AWS2S3Constants.DESTINATION_KEY, S3Keys.join(settings.areaPrefix(area), areaPath(exchange), ""));
    }

    /** Error handler: delete the object from the watched prefix, now that its copy is in place. */
    public void deleteHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        S3Keys.clearS3Headers(message);
        S3Keys.use(message, exchange.getProperty(SOURCE_KEY, String.class));
    }

    /**
     * Pending re-feed route, at start and every poll interval: an image under the pending prefix whose
     * provider is not stopped goes back under the watched prefix ({@link #REFEED_KEY} and copy headers);
     * the route then deletes it ({@link #pendingImageHeaders}) and its record ({@link #pendingRecordHeaders}).
     * Records and images still waiting are left alone.
     */
    public void refeed(Exchange exchange) {
        Message message = exchange.getMessage();
        String key = message.getHeader(AWS2S3Constants.KEY, String.class);
        exchange.removeProperty(REFEED_KEY);
        if (key == null || key.endsWith(".pending.json") || key.endsWith("/") || !key.startsWith(settings.pendingPrefix())
                || !goesBack.test(key)) {
            return;
        }
        String back = S3Keys.join(settings.prefix(), key.substring(settings.pendingPrefix().length()), "");
        exchange.setProperty(REFEED_KEY, back);
        exchange.setProperty(PENDING_KEY, key);
        S3Keys.clearS3Headers(message);
        S3Keys.use(message, key);
        message.setHeader(AWS2S3Constants.BUCKET_DESTINATION_NAME, settings.bucket());
        message.setHeader(AWS2S3Constants.DESTINATION_KEY, back);
    }

    /** Headers for deleting a pending object that went back. */
    public void pendingImageHeaders(Exchange exchange) {
        S3Keys.clearS3Headers(exchange.getMessage());
        S3Keys.use(exchange.getMessage(), exchange.getProperty(PENDING_KEY, String.class));
    }

    /**
     * Source route, once an object completed: headers for deleting {@code <pending prefix><item path>.pending.json}
     * left from an earlier wait of it (moved back by hand, or put again). Deleting a key that is not there is no error.
     */
    public void stalePendingRecordHeaders(Exchange exchange) {
        String item = areaPath(exchange);
        S3Keys.clearS3Headers(exchange.getMessage());
        S3Keys.use(exchange.getMessage(), S3Keys.join(settings.pendingPrefix(), item, ".pending.json"));
    }

    /** Headers for deleting the reason record of a pending object that went back. */
    public void pendingRecordHeaders(Exchange exchange) {
        S3Keys.clearS3Headers(exchange.getMessage());
        S3Keys.use(exchange.getMessage(), exchange.getProperty(PENDING_KEY, String.class) + ".pending.json");
    }

    /** The key below the watched prefix, as S3 has it. */
    String relative(String key) {
        return key != null && key.startsWith(settings.prefix()) ? key.substring(settings.prefix().length()) : String.valueOf(key);
    }

    /**
     * Where a failed item goes below its area prefix: the same safe path sinks use for it, so a key
     * with {@code ../} segments cannot leave the area even on servers that normalise paths.
     */
    private String areaPath(Exchange exchange) {
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        if (job != null) {
            return job.outputPath();
        }
        return SafePath.of(relative(exchange.getProperty(SOURCE_KEY, String.class)));
    }
}
