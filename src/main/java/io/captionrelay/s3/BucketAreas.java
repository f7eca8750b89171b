package io.captionrelay.s3;

import io.captionrelay.areas.Area;
import io.captionrelay.areas.ItemAreas;
import io.captionrelay.model.SafePath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The bucket source's item areas: prefixes in its bucket ({@code relay.s3.done-prefix}, {@code failed-prefix},
 * {@code pending-prefix}). Items are named by their key below {@code relay.s3.prefix}, exactly as S3 has it.
 * An item put aside lands at its safe path (the one sinks use, so {@code ../} segments cannot leave the
 * area, even on servers that normalise keys) with its reason record beside it; S3 has no rename, so every
 * move is a copy, then a delete of the original. The aws2-s3 consumer itself moves completed items to done.
 */
public record BucketAreas(S3Settings settings, S3Store store) implements ItemAreas {

    /** Puts the record first, then copies the object beside it and deletes it from the watched prefix. */
    @Override
    public String putAside(String item, Area area, String record) {
        store.put(settings.bucket(), recordKey(item, area), record.getBytes(StandardCharsets.UTF_8), "application/json");
        String target = asideKey(item, area);
        store.copy(settings.bucket(), settings.prefix() + item, target);
        store.delete(settings.bucket(), settings.prefix() + item);
        return target;
    }

    /** {@code <done prefix><item>}, where the consumer moves a completed item; empty when it deletes them. */
    @Override
    public String done(String item) {
        return settings.moveToDone() ? settings.donePrefix() + item : "";
    }

    @Override
    public List<String> pending() {
        return store.keys(settings.bucket(), settings.pendingPrefix()).stream()
                .filter(key -> !key.endsWith(Area.PENDING.recordSuffix()) && !key.endsWith("/"))
                .map(key -> key.substring(settings.pendingPrefix().length()))
                .toList();
    }

    @Override
    public Optional<byte[]> pendingRecord(String item) {
        return store.get(settings.bucket(), settings.pendingPrefix() + item + Area.PENDING.recordSuffix());
    }

    /** Copies the pending object back under the watched prefix, then deletes it and its record. */
    @Override
    public void bringBack(String item) {
        String pending = settings.pendingPrefix() + item;
        store.copy(settings.bucket(), pending, S3Keys.join(settings.prefix(), item, ""));
        store.delete(settings.bucket(), pending);
        store.delete(settings.bucket(), pending + Area.PENDING.recordSuffix());
    }

    @Override
    public void forgetStalePending(String item) {
        String path = SafePath.of(item);
        if (!store.exists(settings.bucket(), S3Keys.join(settings.pendingPrefix(), path, ""))) {
            store.delete(settings.bucket(), S3Keys.join(settings.pendingPrefix(), path, Area.PENDING.recordSuffix()));
        }
    }

    /** Where an item put aside in {@code area} goes: {@code <area prefix><safe path>}. */
    String asideKey(String item, Area area) {
        return S3Keys.join(settings.areaPrefix(area), SafePath.of(item), "");
    }

    /** Its reason record: {@code <area prefix><safe path>.error.json} (or {@code .pending.json}). */
    String recordKey(String item, Area area) {
        return S3Keys.join(settings.areaPrefix(area), SafePath.of(item), area.recordSuffix());
    }
}
