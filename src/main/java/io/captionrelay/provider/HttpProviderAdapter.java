package io.captionrelay.provider;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.Secret;
import java.net.URI;

/**
 * A remote provider's wire contract (docs/providers/), with no Camel in it: how to shape the request and
 * how to read every answer. {@link HttpProviderRoutes} does the calling, retrying and circuit work.
 */
public interface HttpProviderAdapter {

    /** The formats and size the provider takes; the image is prepared to fit them. */
    ImageRequirements requirements();

    /** True when the provider takes the image as a public URL rather than in the request. */
    default boolean wantsImageUrl() {
        return false;
    }

    /** False for providers that may run without a key (a local Ollama); then {@code key} may be null. */
    default boolean requiresKey() {
        return true;
    }

    /**
     * The request for one image.
     *
     * @param image    the prepared image
     * @param imageUrl a URL the provider can fetch the prepared image from, or null unless {@link #wantsImageUrl()}
     * @param key      the API key to authenticate with (null only when {@link #requiresKey()} is false and none is set)
     */
    HttpCall request(PreparedImage image, URI imageUrl, Secret key) throws RelayException;

    /** The provider's answer as canonical fields, or a {@link RelayException} of the right error class. */
    ProviderAnswer read(HttpReply reply) throws RelayException;
}
