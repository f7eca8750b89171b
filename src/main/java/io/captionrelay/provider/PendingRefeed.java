package io.captionrelay.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which pending images go back into their source at a look at the pending area: those whose provider
 * is no longer stopped, and, for a stopped one, a single image when its next probe falls due (so that
 * a probe is made even when nothing new arrives). An image whose record names no provider (rate
 * limits outlasting the retries, older records) always goes back. Every source's
 * {@link io.captionrelay.areas.PendingReturn} asks it with the item's reason record.
 */
public record PendingRefeed(ProviderCircuits circuits, ObjectMapper mapper) implements Predicate<Supplier<byte[]>> {

    @Override
    public boolean test(Supplier<byte[]> pendingRecord) {
        return wantsBack(pendingRecord);
    }

    /**
     * Whether the image whose {@code .pending.json} record this gives (null: no record) should go back
     * now. The record is read only while some provider is stopped: otherwise every image goes back.
     */
    public boolean wantsBack(Supplier<byte[]> pendingRecord) {
        if (!circuits.anyOpen()) {
            return true;
        }
        byte[] record = pendingRecord.get();
        String provider = null;
        if (record != null) {
            try {
                JsonNode named = mapper.readTree(record).path("provider");
                provider = named.isTextual() ? named.asText() : null;
            } catch (IOException unreadable) {
                provider = null;
            }
        }
        return provider == null || circuits.wantsProbeImage(provider);
    }
}
