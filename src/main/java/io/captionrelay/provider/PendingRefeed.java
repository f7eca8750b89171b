package io.captionrelay.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Which pending images go back into the inbox at a look at the pending area: those whose provider
 * is no longer stopped, and, for a stopped one, a single image when its next probe falls due (so that
 * a probe is made even when nothing new arrives). An image whose record names no provider (rate
 * limits outlasting the retries, older records) always goes back.
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
        if (file.isDirectory()) {
            return true;
        }
        String provider = providerWaitedFor(file.getFile().toPath());
        return provider == null || circuits.wantsProbeImage(provider);
    }

    private String providerWaitedFor(Path image) {
        Path record = image.resolveSibling(image.getFileName() + ".pending.json");
        try {
            JsonNode provider = mapper.readTree(Files.readAllBytes(record)).path("provider");
            return provider.isTextual() ? provider.asText() : null;
        } catch (IOException missingOrUnreadable) {
            return null;
        }
    }
}
