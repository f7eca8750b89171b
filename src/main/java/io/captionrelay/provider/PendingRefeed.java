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
 * limits outlasting the retries, older records) always goes back. An image parked after an ambiguous call
 * (record field {@link #MAY_BE_CHARGED}) never goes back by itself: the provider may have charged it, so a person
 * decides. Every source's {@link io.captionrelay.areas.PendingReturn} asks it with the item's reason record.
 */
public record PendingRefeed(ProviderCircuits circuits, ObjectMapper mapper) implements Predicate<Supplier<byte[]>> {

    /** Reason-record field: true when the provider may already have charged the call the item waits after. */
    public static final String MAY_BE_CHARGED = "mayBeCharged";

    @Override
    public boolean test(Supplier<byte[]> pendingRecord) {
        return wantsBack(pendingRecord);
    }

    /** Whether the image whose {@code .pending.json} record this gives (null: no record) should go back now. */
    public boolean wantsBack(Supplier<byte[]> pendingRecord) {
        JsonNode record = read(pendingRecord.get());
        if (record.path(MAY_BE_CHARGED).asBoolean(false)) {
            return false;
        }
        if (!circuits.anyOpen()) {
            return true;
        }
        JsonNode named = record.path("provider");
        return !named.isTextual() || circuits.wantsProbeImage(named.asText());
    }

    private JsonNode read(byte[] record) {
        if (record == null) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode json = mapper.readTree(record);
            return json == null ? mapper.createObjectNode() : json;
        } catch (IOException unreadable) {
            return mapper.createObjectNode();
        }
    }
}
