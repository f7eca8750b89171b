package io.captionrelay.s3;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.RelayHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * What {@code routes/sink-s3.camel.yaml} needs beyond plain endpoint options: the sidecar's key,
 * and the merged tag set for the source object.
 */
public final class S3Sink {

    /** Exchange property set by {@link #sidecarHeaders}: the result, kept for tagging after the body became JSON. */
    public static final String RESULT = RelayHeaders.S3_RESULT;
    /** Exchange property set by {@link #sidecarHeaders} when the source object should be tagged: its location. */
    public static final String TAG_TARGET = RelayHeaders.S3_TAG_TARGET;
    /** Exchange property set by {@link #mergeTags}: true when the merged tags differ from the object's and must be written. */
    public static final String TAGS_CHANGED = RelayHeaders.S3_TAGS_CHANGED;

    private static final Logger LOG = LoggerFactory.getLogger(S3Sink.class);

    private final S3Settings settings;

    public S3Sink(S3Settings settings) {
        this.settings = settings;
    }

    /**
     * In: body the {@link CaptionResult}. Sets the sidecar's key,
     * {@code <sink prefix><output path>.<task><suffix>}, e.g. {@code captions/trip/a.jpg.local.json}.
     */
    public void sidecarHeaders(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        CaptionResult result = message.getMandatoryBody(CaptionResult.class);
        exchange.setProperty(RESULT, result);
        String path = message.getHeader(RelayHeaders.OUTPUT_PATH, String.class);
        String task = message.getHeader(RelayHeaders.TASK, String.class);
        S3Keys.clearS3Headers(message);
        S3Keys.use(message, sidecarKey(path, task));
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/json");
        exchange.removeProperty(TAG_TARGET);
        if (settings.tagSource()) {
            S3Location.parse(result.source()).ifPresent(source -> exchange.setProperty(TAG_TARGET, source));
        }
    }

    String sidecarKey(String outputPath, String task) {
        return S3Keys.join(settings.sinkPrefix(), outputPath, "." + task + settings.sinkSuffix());
    }

    /** Before getObjectTagging and putObjectTagging: the source object's bucket and key. */
    public void tagTargetHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        S3Location target = exchange.getProperty(TAG_TARGET, S3Location.class);
        S3Keys.clearS3Headers(message);
        message.setHeader(AWS2S3Constants.OVERRIDE_BUCKET_NAME, target.bucket());
        S3Keys.use(message, target.key());
    }

    /**
     * In: body the object's current tags (getObjectTagging). Out: header {@code CamelAwsS3ObjectTags}, the merged set,
     * and {@link #TAGS_CHANGED}.
     */
    public void mergeTags(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> existing = new LinkedHashMap<>();
        List<?> tags = message.getBody(List.class);
        if (tags != null) {
            for (Object tag : tags) {
                if (tag instanceof Tag t) {
                    existing.put(t.key(), t.value());
                }
            }
        }
        CaptionResult result = exchange.getProperty(RESULT, CaptionResult.class);
        Map<String, String> ours = S3ObjectTags.fromResult(result, settings.tagPrefix(), settings.tagFields());
        S3ObjectTags.Merged merged = S3ObjectTags.merge(existing, ours, settings.tagPrefix());
        if (!merged.leftOut().isEmpty()) {
            LOG.warn("{} carries {} tags of its own and S3 allows {} per object: left out {}", result.source(),
                    merged.tags().size() - (ours.size() - merged.leftOut().size()), S3ObjectTags.MAX_TAGS, merged.leftOut());
        }
        exchange.setProperty(TAGS_CHANGED, !merged.tags().isEmpty() && !merged.tags().equals(existing));
        tagTargetHeaders(exchange);
        message.setHeader(AWS2S3Constants.OBJECT_TAGS, merged.tags());
    }
}
