package io.captionrelay.pipeline;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.model.SafePath;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The first step of the core: reads the item's bytes (never more than the size limit), inspects
 * them, claims the image hash, and records the item's outcome when its exchange completes.
 */
public final class Intake implements Processor {

    private final ImageInspector inspector;
    private final ImageClaims claims;
    private final PipelineProgress progress;
    private final long maxBytes;
    private final Processor beforeRead;

    /** @param beforeRead checks the item just before its bytes are read (the drop folder's jail), failing it if need be */
    public Intake(ImageInspector inspector, ImageClaims claims, PipelineProgress progress, long maxBytes, Processor beforeRead) {
        this.inspector = inspector;
        this.claims = claims;
        this.progress = progress;
        this.maxBytes = maxBytes;
        this.beforeRead = beforeRead;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Outcome outcome = new Outcome();
        exchange.getExchangeExtension().addOnCompletion(outcome);

        String itemPath = exchange.getMessage().getHeader(RelayHeaders.ITEM_PATH, String.class);
        if (itemPath == null) {
            itemPath = exchange.getMessage().getHeader(Exchange.FILE_NAME, "unnamed", String.class);
        }
        String source = exchange.getMessage().getHeader(RelayHeaders.SOURCE, "unknown:" + itemPath, String.class);
        Long announced = announcedSize(exchange);
        if (announced != null && announced > maxBytes) {
            throw tooLarge();
        }
        beforeRead.process(exchange);
        ImageJob job = new ImageJob(source, SafePath.of(itemPath), readLimited(exchange, announced));
        outcome.job = job;
        exchange.setProperty(RelayHeaders.JOB, job);

        try {
            job.inspected(inspector.inspect(job.bytes()));
        } catch (OutOfMemoryError heapTooSmall) {
            throw outOfMemory("inspect the image (" + megabytes(job.bytes().length) + ")");
        }
        outcome.claim = claims.claim(job.facts().sha256());
        exchange.getMessage().setBody(job);
    }

    /** The size the source announced before anything is read: S3's object size, the file consumer's file length. */
    private static Long announcedSize(Exchange exchange) {
        Long size = exchange.getMessage().getHeader(RelayHeaders.ITEM_SIZE, Long.class);
        return size != null ? size : exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
    }

    /**
     * Reads at most the size limit. With a known size the buffer is taken once, at that size (a growing buffer
     * needs twice the memory); a heap too small for it is a clear refusal, not an {@link OutOfMemoryError} that
     * leaves a worker dead and the exchange unfinished.
     */
    private byte[] readLimited(Exchange exchange, Long announced) throws IOException, RelayException {
        InputStream in = exchange.getMessage().getBody(InputStream.class);
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            int cap = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8);
            byte[] bytes = announced == null ? in.readNBytes(cap) : readKnownSize(in, announced.intValue(), cap);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (OutOfMemoryError heapTooSmall) {
            throw outOfMemory("read the file (" + (announced == null ? "up to " + megabytes(maxBytes) : megabytes(announced)) + ")");
        }
    }

    /** A heap too small for this image now: a clear refusal, not an error that leaves a worker dead and the exchange unfinished. */
    private static RelayException outOfMemory(String what) {
        return new RelayException(ErrorClass.TRANSIENT, "not enough memory to " + what + ": the heap (at most "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB) cannot hold it now; give the JVM more (-Xmx), lower"
                + " relay.image.max-bytes or relay.pipeline.max-in-progress, then move the file back");
    }

    /** Reads the announced size into one buffer; a file that grew since is read on, up to {@code cap}. */
    private static byte[] readKnownSize(InputStream in, int size, int cap) throws IOException {
        byte[] bytes = new byte[size];
        int read = in.readNBytes(bytes, 0, size);
        int next = read < size ? -1 : in.read();
        if (next < 0) {
            return read < size ? Arrays.copyOf(bytes, read) : bytes;
        }
        byte[] rest = in.readNBytes(cap - size - 1);
        byte[] all = Arrays.copyOf(bytes, size + 1 + rest.length);
        all[size] = (byte) next;
        System.arraycopy(rest, 0, all, size + 1, rest.length);
        return all;
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }

    private RelayException tooLarge() {
        return RelayException.badInput("the file is larger than the limit of " + megabytes(maxBytes));
    }

    /** Counts the item, frees its claim and lets go of its bytes once the whole exchange, sinks and source completion included, is over. */
    private final class Outcome extends SynchronizationAdapter {
        private volatile ImageJob job;
        private volatile ImageClaims.Claim claim;

        @Override
        public void onComplete(Exchange exchange) {
            release();
            if (job != null && job.described()) {
                progress.described();
            } else {
                progress.skipped();
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            release();
            if (FailureRecords.waitsForProvider(exchange)) {
                progress.pending();
            } else {
                progress.failed();
            }
        }

        private void release() {
            if (claim != null) {
                claim.release();
            }
            if (job != null) {
                job.release();
            }
        }
    }
}
