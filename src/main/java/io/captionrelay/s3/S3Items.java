package io.captionrelay.s3;

import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.SafePath;
import io.captionrelay.pipeline.FailureRecords;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import io.captionrelay.areas.Area;
import io.captionrelay.areas.ItemAreas;
import io.captionrelay.model.RelayHeaders;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * What {@code routes/s3-bucket.camel.yaml} calls for each object: naming it for the pipeline, putting it
 * aside when it fails, and forgetting a stale pending record once it is done. The moves themselves are
 * the bucket's {@link ItemAreas}.
 */
public record S3Items(S3Settings settings, long maxBytes, ItemAreas areas) {

    /** Exchange property: the object's key as listed (the consumer's headers may be gone by the time it fails). */
    public static final String SOURCE_KEY = RelayHeaders.S3_SOURCE_KEY;

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
     * Error handler, after {@code failureRecords.describeFailure}: the object goes to the failed (or pending)
     * prefix with the reason record (the body) beside it.
     */
    public void putAside(Exchange exchange) throws IOException {
        Area area = Area.of(exchange.getProperty(FailureRecords.AREA, FailureRecords.FAILED, String.class));
        areas.putAside(relative(exchange.getProperty(SOURCE_KEY, String.class)), area, exchange.getMessage().getBody(String.class));
    }

    /** Source route, once an object completed: a pending record left from an earlier wait of it goes too. */
    public void forgetStalePending(Exchange exchange) throws IOException {
        String key = exchange.getProperty(SOURCE_KEY, String.class);
        if (key != null) {
            areas.forgetStalePending(relative(key));
        }
    }

    /** The key below the watched prefix, as S3 has it. */
    String relative(String key) {
        return key != null && key.startsWith(settings.prefix()) ? key.substring(settings.prefix().length()) : String.valueOf(key);
    }
}
