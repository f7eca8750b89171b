package io.captionrelay.failure;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.captionrelay.model.Secret;
import java.nio.charset.StandardCharsets;

/** Logback's JSON lines (RELAY_LOG_FORMAT=json) with every configured key masked, as {@link SecretScrubbingLayout} does for text. */
public final class SecretScrubbingJsonEncoder extends JsonEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        return Secret.scrub(new String(super.encode(event), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
