package io.captionrelay.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the queue sinks ({@code routes/sink-kafka.camel.yaml}, {@code routes/sink-jms.camel.yaml}) send:
 * one JSON event per result, the canonical result itself (the same fields as a sidecar, on one line),
 * and an event id that is the same every time that result is delivered for that source, so consumers
 * and brokers can drop a repeat.
 */
public final class ResultEvents {

    private final ObjectMapper mapper;
    private final ObjectWriter oneLine;

    public ResultEvents(ObjectMapper mapper) {
        this.mapper = mapper;
        // one line per event, even if the given mapper indents
        this.oneLine = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** The result as compact JSON; {@code includeRaw=false} leaves out the provider's raw answer (smaller events). */
    public String json(CaptionResult result, boolean includeRaw) throws JsonProcessingException {
        if (includeRaw) {
            return oneLine.writeValueAsString(result);
        }
        ObjectNode event = mapper.valueToTree(result);
        event.remove("raw");
        return oneLine.writeValueAsString(event);
    }

    /**
     * SHA-256 (hex) of the result's key, its source and when it was described: a re-delivery of the same
     * result (a retry, an item moved back from {@code .failed}) has the same id; the same image under
     * another name, or described again with {@code relay.force}, has another.
     */
    public String eventId(CaptionResult result) {
        ResultKey key = result.key();
        String identity = String.join("\n", key.imageSha256(), key.provider(), key.operation(), key.promptKey(),
                key.language(), String.valueOf(result.source()), String.valueOf(result.createdAt()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
