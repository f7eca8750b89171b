package io.captionrelay.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.inbox.ArchiveNames;
import io.captionrelay.inbox.EntryKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Which pending images go back into the inbox at a look at the pending area: those whose provider
 * is no longer stopped, and, for a stopped one, a single image when its next probe falls due (so that
 * a probe is made even when nothing new arrives). An image whose record names no provider (rate
 * limits outlasting the retries, older records) always goes back. The file area uses it as the
 * pending consumer's filter; the S3 area asks {@link #wantsBack} with the record it read.
 */
public final class PendingRefeed implements GenericFileFilter<File> {

    private final ProviderCircuits circuits;
    private final ObjectMapper mapper;

    public PendingRefeed(ProviderCircuits circuits, ObjectMapper mapper) {
        this.circuits = circuits;
        this.mapper = mapper;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path image = file.getFile().toPath();
        EntryKind kind = EntryKind.of(image); // a link or a pipe here is never followed or opened
        if (kind != EntryKind.REGULAR_FILE) {
            return kind == EntryKind.DIRECTORY;
        }
        return wantsBack(() -> {
            try {
                return Files.readAllBytes(image.resolveSibling(ArchiveNames.record(image.getFileName().toString(), ".pending.json")));
            } catch (IOException missingOrUnreadable) {
                return null;
            }
        });
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
