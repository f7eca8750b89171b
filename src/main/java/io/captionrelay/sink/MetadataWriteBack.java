package io.captionrelay.sink;

import io.captionrelay.image.embed.MetadataEmbedder;
import io.captionrelay.image.embed.MetadataFields;
import io.captionrelay.image.embed.WriteMode;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata write-back sinks' work (routes/sink-xmp-sidecar.camel.yaml, routes/sink-embedded-copy.camel.yaml;
 * docs/metadata-write-back.md): turns a result into an XMP sidecar or a copy of the image with the metadata
 * embedded, named for the outbox. A sidecar or copy already in the outbox for the same image (its
 * {@code cr:imageSha256}) is merged into, so the results of several tasks meet in one file; anything else there
 * is replaced. The original image is only ever read.
 */
public final class MetadataWriteBack {

    public static final String BEAN = "metadataWriteBack";
    private static final Logger LOG = LoggerFactory.getLogger(MetadataWriteBack.class);

    /** {@code relay.sinks.xmp.sidecar-name}: {@code image-name} gives a.jpg.xmp, {@code base-name} a.xmp. */
    enum SidecarName { IMAGE_NAME, BASE_NAME }

    private final Path outbox;
    private final WriteMode mode;
    private final SidecarName sidecarName;

    MetadataWriteBack(Path outbox, WriteMode mode, SidecarName sidecarName) {
        this.outbox = outbox.toAbsolutePath().normalize();
        this.mode = mode;
        this.sidecarName = sidecarName;
    }

    public static MetadataWriteBack from(Settings settings) {
        String naming = settings.string("relay.sinks.xmp.sidecar-name");
        SidecarName name = switch (naming.strip()) {
            case "image-name" -> SidecarName.IMAGE_NAME;
            case "base-name" -> SidecarName.BASE_NAME;
            default -> throw new IllegalArgumentException("relay.sinks.xmp.sidecar-name must be image-name (a.jpg.xmp) "
                    + "or base-name (a.xmp): " + naming);
        };
        return new MetadataWriteBack(Path.of(settings.string("relay.outbox.dir")),
                WriteMode.parse(settings.string("relay.sinks.xmp.mode")), name);
    }

    /** In: body the result. Out: body the sidecar's bytes, {@code CamelFileName} its name under the outbox. */
    public void sidecar(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        CaptionResult result = exchange.getMessage().getMandatoryBody(CaptionResult.class);
        String name = sidecarName(exchange.getMessage().getHeader(RelayHeaders.OUTPUT_PATH, String.class));
        exchange.getMessage().setBody(sidecarFor(result, exchange.getProperty(RelayHeaders.JOB, ImageJob.class), existing(name)));
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
    }

    /**
     * In: body the result. Out: body the copy's bytes and {@code CamelFileName} the image's path under the outbox;
     * for a format that has no place for XMP here (GIF, BMP) the sink's route stops after a log line.
     */
    public void embeddedCopy(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        CaptionResult result = exchange.getMessage().getMandatoryBody(CaptionResult.class);
        String name = exchange.getMessage().getHeader(RelayHeaders.OUTPUT_PATH, String.class);
        Optional<byte[]> copy = copyFor(result, exchange.getProperty(RelayHeaders.JOB, ImageJob.class), existing(name));
        if (copy.isEmpty()) {
            exchange.setRouteStop(true); // this sink's route ends here, without a failure
            return;
        }
        exchange.getMessage().setBody(copy.get());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
    }

    /** The sidecar: merged into {@code earlier} when that is a sidecar of the same image, else from the image's own XMP. */
    public byte[] sidecarFor(CaptionResult result, ImageJob job, Optional<byte[]> earlier) {
        Optional<byte[]> base = earlier.filter(sidecar -> sameImage(sidecar, result))
                .or(() -> MetadataEmbedder.xmp(job.bytes(), job.facts().format()));
        return MetadataEmbedder.sidecar(base, MetadataFields.of(result), mode);
    }

    /** The copy, merged into {@code earlier} when that is a copy of the same image; empty (logged) for GIF and BMP. */
    public Optional<byte[]> copyFor(CaptionResult result, ImageJob job, Optional<byte[]> earlier) {
        var format = job.facts().format();
        if (!MetadataEmbedder.supports(format)) {
            LOG.warn("embedded-copy: {} is a {} image, which has no place for XMP that CaptionRelay writes; no copy made "
                    + "(the xmp-sidecar sink covers every format)", job.outputPath(), format);
            return Optional.empty();
        }
        byte[] base = earlier.filter(copy -> copyOfSameImage(copy, format, result)).orElse(job.bytes());
        return Optional.of(MetadataEmbedder.embed(base, format, MetadataFields.of(result), mode));
    }

    /** {@code trip/a.jpg.xmp}, or {@code trip/a.xmp} with {@code relay.sinks.xmp.sidecar-name=base-name}. */
    public String sidecarName(String outputPath) {
        if (sidecarName == SidecarName.BASE_NAME) {
            int slash = outputPath.lastIndexOf('/');
            int dot = outputPath.lastIndexOf('.');
            if (dot > slash + 1) {
                return outputPath.substring(0, dot) + ".xmp";
            }
        }
        return outputPath + ".xmp";
    }

    /** A regular file already in the outbox under that name (never read through a link). */
    private Optional<byte[]> existing(String name) {
        Path file = outbox.resolve(name).normalize();
        if (!file.startsWith(outbox) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean copyOfSameImage(byte[] copy, io.captionrelay.model.ImageFormat format, CaptionResult result) {
        try {
            return MetadataEmbedder.xmp(copy, format).filter(xmp -> sameImage(xmp, result)).isPresent();
        } catch (IllegalArgumentException notThatFormat) {
            return false; // something else under that name: replaced by a fresh copy
        }
    }

    private static boolean sameImage(byte[] xmp, CaptionResult result) {
        return MetadataEmbedder.describedImage(xmp).filter(result.imageSha256()::equals).isPresent();
    }
}
