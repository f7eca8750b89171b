package io.captionrelay.pipeline;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import java.io.IOException;
import java.io.InputStream;
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
        Long announced = exchange.getMessage().getHeader(RelayHeaders.ITEM_SIZE, Long.class);
        if (announced != null && announced > maxBytes) {
            throw tooLarge();
        }
        beforeRead.process(exchange);
        ImageJob job = new ImageJob(source, SafePath.of(itemPath), readLimited(exchange));
        outcome.job = job;
        exchange.setProperty(RelayHeaders.JOB, job);

        job.inspected(inspector.inspect(job.bytes()));
        outcome.claim = claims.claim(job.facts().sha256());
        exchange.getMessage().setBody(job);
    }

    private byte[] readLimited(Exchange exchange) throws IOException, RelayException {
        InputStream in = exchange.getMessage().getBody(InputStream.class);
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            int cap = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8);
            byte[] bytes = in.readNBytes(cap);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private RelayException tooLarge() {
        return RelayException.badInput(String.format("the file is larger than the limit of %.1f MB", maxBytes / 1_000_000.0));
    }

    /** Counts the item and frees its claim once the whole exchange, sinks and source completion included, is over. */
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
            progress.failed();
        }

        private void release() {
            if (claim != null) {
                claim.release();
            }
        }
    }
}
