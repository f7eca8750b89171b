package io.captionrelay.s3;

import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.sink.MetadataWriteBack;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Metadata write-back to the S3 sink bucket ({@code relay.sink.s3.write-back}; docs/metadata-write-back.md), through
 * {@link S3Store}: the XMP sidecar as {@code <sink prefix><path>.xmp} and the copy with embedded metadata as
 * {@code <sink prefix><path>}, built and merged exactly as the outbox ones ({@link MetadataWriteBack}).
 */
public final class S3MetadataWriteBack {

    public static final String BEAN = "s3MetadataWriteBack";

    private final S3Store store;
    private final S3Settings settings;
    private final MetadataWriteBack writeBack;
    private final boolean sidecar;
    private final boolean copy;

    public S3MetadataWriteBack(S3Store store, S3Settings settings, MetadataWriteBack writeBack, List<String> kinds) {
        this.store = store;
        this.settings = settings;
        this.writeBack = writeBack;
        for (String kind : kinds) {
            if (!List.of("xmp-sidecar", "embedded-copy").contains(kind.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("relay.sink.s3.write-back names '" + kind + "'; use xmp-sidecar, embedded-copy or both");
            }
        }
        this.sidecar = kinds.contains("xmp-sidecar");
        this.copy = kinds.contains("embedded-copy");
    }

    /** In: body the result (left as it is). */
    public void write(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        CaptionResult result = message.getMandatoryBody(CaptionResult.class);
        ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
        String path = message.getHeader(RelayHeaders.OUTPUT_PATH, String.class);
        String bucket = settings.sinkBucket();
        if (sidecar) {
            String key = S3Keys.join(settings.sinkPrefix(), writeBack.sidecarName(path), "");
            store.put(bucket, key, writeBack.sidecarFor(result, job, store.get(bucket, key)), "application/rdf+xml");
        }
        if (copy) {
            String key = S3Keys.join(settings.sinkPrefix(), path, "");
            Optional<byte[]> bytes = writeBack.copyFor(result, job, store.get(bucket, key));
            if (bytes.isPresent()) {
                store.put(bucket, key, bytes.get(), job.facts().format().mimeType());
            }
        }
    }
}
