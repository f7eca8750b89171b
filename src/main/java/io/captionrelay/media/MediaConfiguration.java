package io.captionrelay.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds signed media links from plain configuration values ({@code relay.media.*}) and registers
 * them with Camel: the {@link ImageUrlSource} under {@link #IMAGE_URL_SOURCE} and the
 * {@link MediaLinkRoutes}. Serving needs the embedded HTTP server ({@code camel.server.enabled=true}).
 */
public final class MediaConfiguration {

    /** Registry name of the {@link ImageUrlSource} that URL-only providers use. */
    public static final String IMAGE_URL_SOURCE = "imageUrlSource";

    private static final Logger LOG = LoggerFactory.getLogger(MediaConfiguration.class);

    private final SignedMediaLinks links;
    private final MediaLinkRoutes routes;
    private final Duration ttl;

    private MediaConfiguration(SignedMediaLinks links, MediaLinkRoutes routes, Duration ttl) {
        this.links = links;
        this.routes = routes;
        this.ttl = ttl;
    }

    /**
     * @param publicBaseUrl   {@code relay.media.public-base-url}: how providers reach this app's HTTP server
     * @param mediaDir        {@code relay.media.dir}: where prepared images are kept while linked
     * @param inboxDir        {@code relay.inbox.dir}: the media folder must not overlap it
     * @param ttl             {@code relay.media.ttl}: how long links stay valid
     * @param retention       {@code relay.media.retention}: how long files are kept; at least {@code ttl}
     * @param cleanupInterval {@code relay.media.cleanup-interval}: how often files past retention are deleted
     * @param signingKey      {@code relay.media.signing-key}: at least 32 characters; absent means a random key per run
     */
    public static MediaConfiguration create(String publicBaseUrl, Path mediaDir, Path inboxDir, Duration ttl,
            Duration retention, Duration cleanupInterval, Optional<String> signingKey) {
        return create(publicBaseUrl, mediaDir, inboxDir, ttl, retention, cleanupInterval, signingKey, Clock.systemUTC());
    }

    static MediaConfiguration create(String publicBaseUrl, Path mediaDir, Path inboxDir, Duration ttl,
            Duration retention, Duration cleanupInterval, Optional<String> signingKey, Clock clock) {
        requirePositive("relay.media.ttl", ttl);
        requirePositive("relay.media.retention", retention);
        requirePositive("relay.media.cleanup-interval", cleanupInterval);
        if (ttl.compareTo(retention) > 0) {
            throw new IllegalStateException("relay.media.ttl (" + ttl + ") must not exceed relay.media.retention ("
                    + retention + "): files would be deleted while their links are still valid");
        }
        MediaFolder folder = new MediaFolder(separateFromInbox(mediaDir, inboxDir));
        LinkSigner signer = signer(signingKey);
        SignedMediaLinks links = new SignedMediaLinks(baseUrl(publicBaseUrl), folder, signer, retention, clock);
        MediaResponder responder = new MediaResponder(new MediaLinkVerifier(signer), folder, clock);
        return new MediaConfiguration(links, new MediaLinkRoutes(responder, folder, retention, cleanupInterval, clock), ttl);
    }

    /** Binds the {@link ImageUrlSource} and adds the {@code media-links} and {@code media-cleanup} routes. */
    public void register(CamelContext context) throws Exception {
        context.getRegistry().bind(IMAGE_URL_SOURCE, ImageUrlSource.class, links);
        context.addRoutes(routes);
    }

    public ImageUrlSource links() {
        return links;
    }

    /** The configured link lifetime, for callers of {@link ImageUrlSource#urlFor}. */
    public Duration ttl() {
        return ttl;
    }

    private static LinkSigner signer(Optional<String> signingKey) {
        if (signingKey.isEmpty() || signingKey.get().isBlank()) {
            LOG.warn("relay.media.signing-key is not set: media links are signed with a random key made at start "
                    + "and stop working when the app restarts");
            return LinkSigner.random();
        }
        byte[] key = signingKey.get().getBytes(StandardCharsets.UTF_8);
        if (key.length < LinkSigner.MIN_KEY_BYTES) {
            throw new IllegalStateException("relay.media.signing-key must be at least " + LinkSigner.MIN_KEY_BYTES
                    + " characters long (e.g. the output of: openssl rand -base64 48)");
        }
        return new LinkSigner(key);
    }

    /** The media folder is served over HTTP and cleaned up: it must never be, contain or lie in the inbox. */
    private static Path separateFromInbox(Path mediaDir, Path inboxDir) {
        Path media = mediaDir.toAbsolutePath().normalize();
        Path inbox = inboxDir.toAbsolutePath().normalize();
        if (media.startsWith(inbox) || inbox.startsWith(media)) {
            throw new IllegalStateException("relay.media.dir (" + media + ") must not overlap relay.inbox.dir (" + inbox + ")");
        }
        return media;
    }

    private static String baseUrl(String value) {
        URI uri;
        try {
            uri = new URI(value == null ? "" : value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("relay.media.public-base-url is not a URL: " + value, e);
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalStateException("relay.media.public-base-url must be an http(s) URL with a host and "
                    + "no query, fragment or credentials, like https://relay.example.com; not " + value);
        }
        return uri.toString().replaceAll("/+$", "");
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key + " must be a positive duration, not " + value);
        }
    }
}
