package io.captionrelay.provider;

import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * The second look before paying: an answer already paid for an image whose bytes, as prepared for this task's
 * provider, hash the same (e.g. a TIFF and a BMP of the same pixels, both converted to the same PNG). Bound under
 * {@link #BEAN}; without one nothing is reused.
 */
@FunctionalInterface
public interface PreparedAnswers {

    /** The registry name it is bound under. */
    String BEAN = "preparedAnswers";

    /** Reuses nothing. */
    PreparedAnswers NONE = (preparedSha256, task) -> Optional.empty();

    /** The answer paid for {@code task} on an image prepared to these bytes, if any. */
    Optional<ProviderAnswer> find(String preparedSha256, ProviderTask task);

    /** The bound instance, or {@link #NONE}. */
    static PreparedAnswers in(CamelContext context) {
        PreparedAnswers bound = context.getRegistry().lookupByNameAndType(BEAN, PreparedAnswers.class);
        return bound == null ? NONE : bound;
    }
}
