package io.captionrelay.config;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.media.MediaConfiguration;
import io.captionrelay.settings.Settings;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;

/** Wiring for the app's own signed media links, which URL-only providers fetch images by. */
final class MediaWiring {

    private MediaWiring() {
    }

    /** Signed media links when the embedded HTTP server is on; otherwise URL-only providers cannot be used. */
    static ImageUrlSource register(CamelContext context, Settings settings) throws Exception {
        if (!settings.optional("camel.server.enabled").map(Boolean::parseBoolean).orElse(false)) {
            return (job, image, ttl) -> {
                throw new RelayException(ErrorClass.AUTH, "this provider takes images by URL only: set camel.server.enabled=true"
                        + " and relay.media.public-base-url so CaptionRelay can serve them");
            };
        }
        MediaConfiguration media = MediaConfiguration.create(settings.string("relay.media.public-base-url"),
                Path.of(settings.string("relay.media.dir")), Path.of(settings.string("relay.inbox.dir")),
                Duration.ofSeconds(settings.longValue("relay.media.ttl")),
                Duration.ofSeconds(settings.longValue("relay.media.retention")),
                Duration.ofSeconds(settings.longValue("relay.media.cleanup-interval")),
                settings.optional("relay.media.signing-key"));
        media.register(context);
        return media.links();
    }
}
