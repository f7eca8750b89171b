package io.captionrelay.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of answers that were paid for but could not be written to the ledger (the database was down):
 * one JSON file per {@link ResultKey}, written and synced to disk before the item fails. The ledger lookup
 * reads it first, so an image moved back into the inbox is answered from here, and a timer moves each
 * answer into the ledger once the database is back ({@link DurableLedger#flushPaidAnswers()}).
 */
public final class PaidAnswers {

    private static final String SUFFIX = ".json";

    private final Path dir;
    private final ObjectMapper mapper;

    public PaidAnswers(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper;
    }

    /** Stores the result durably: a temporary file, synced, then renamed over any earlier one. */
    public void keep(CaptionResult result) throws IOException {
        Files.createDirectories(dir);
        Path target = file(result.key());
        Path part = dir.resolve(".part-" + target.getFileName());
        byte[] json = mapper.writeValueAsBytes(result);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(json));
            channel.force(true);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Optional<CaptionResult> find(ResultKey key) throws IOException {
        try {
            return Optional.of(mapper.readValue(Files.readAllBytes(file(key)), CaptionResult.class));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }

    public void forget(ResultKey key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    /** Every kept answer (unreadable files are left for a person to look at). */
    public List<CaptionResult> all() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<CaptionResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                    && !f.getFileName().toString().startsWith(".")).toList()) {
                try {
                    results.add(mapper.readValue(Files.readAllBytes(file), CaptionResult.class));
                } catch (IOException unreadable) {
                    // a half-written file cannot be here (written aside, then renamed); anything else stays as it is
                }
            }
        }
        return results;
    }

    private Path file(ResultKey key) {
        String identity = String.join("\n", key.imageSha256(), key.provider(), key.operation(), key.promptKey(), key.language());
        return dir.resolve(ResultKey.promptKey(identity) + SUFFIX); // a SHA-256 of the whole key: a safe, fixed-length name
    }
}
