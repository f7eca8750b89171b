package io.captionrelay.s3;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.RelayHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.RelayHeaders;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code routes/sink-s3.camel.yaml} does with a result: writes it as a JSON sidecar to the sink
 * bucket and, when asked, merges it into the source object's tags, through {@link S3Store}.
 */
public record S3Sink(S3Settings settings, S3Store store, ObjectMapper sidecarMapper) {

    /** Exchange property set by {@link #sidecarHeaders}: the result, kept for tagging after the body became JSON. */
    public static final String RESULT = RelayHeaders.S3_RESULT;
    /** Exchange property set by {@link #sidecarHeaders} when the source object should be tagged: its location. */
    public static final String TAG_TARGET = RelayHeaders.S3_TAG_TARGET;
    /** Exchange property set by {@link #mergeTags}: true when the merged tags differ from the object's and must be written. */
    public static final String TAGS_CHANGED = RelayHeaders.S3_TAGS_CHANGED;

    private static final Logger LOG = LoggerFactory.getLogger(S3Sink.class);

    /**
     * In: body the {@link CaptionResult}, headers its output path and task. Writes the sidecar as
     * {@code <sink prefix><output path>.<task><suffix>}, e.g. {@code captions/trip/a.jpg.local.json}, then tags the
     * source object when {@code relay.sink.s3.tag-source} is on and it came from S3. A failure goes back to the pipeline.
     */
    public void write(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        CaptionResult result = message.getMandatoryBody(CaptionResult.class);
        String key = sidecarKey(message.getHeader(RelayHeaders.OUTPUT_PATH, String.class), message.getHeader(RelayHeaders.TASK, String.class));
        store.put(settings.sinkBucket(), key, sidecarMapper.writeValueAsBytes(result), "application/json");
        Optional<S3Location> target = tagTarget(result);
        if (target.isPresent()) {
            tag(target.get(), result);
        }
    }

    String sidecarKey(String outputPath, String task) {
        return S3Keys.join(settings.sinkPrefix(), outputPath, "." + task + settings.sinkSuffix());
    }

    /** The source object to tag: the result's source when tagging is on and it is an S3 object. */
    Optional<S3Location> tagTarget(CaptionResult result) {
        return settings.tagSource() ? S3Location.parse(result.source()) : Optional.empty();
    }

    /** Merges the result's tags into the object's own and writes them when they changed. */
    private void tag(S3Location target, CaptionResult result) {
        Map<String, String> existing = store.tags(target.bucket(), target.key());
        Map<String, String> ours = S3ObjectTags.fromResult(result, settings.tagPrefix(), settings.tagFields());
        S3ObjectTags.Merged merged = S3ObjectTags.merge(existing, ours, settings.tagPrefix());
        if (!merged.leftOut().isEmpty()) {
            LOG.warn("{} carries {} tags of its own and S3 allows {} per object: left out {}", result.source(),
                    merged.tags().size() - (ours.size() - merged.leftOut().size()), S3ObjectTags.MAX_TAGS, merged.leftOut());
        }
        if (!merged.tags().isEmpty() && !merged.tags().equals(existing)) {
            store.putTags(target.bucket(), target.key(), merged.tags());
        }
    }
}
