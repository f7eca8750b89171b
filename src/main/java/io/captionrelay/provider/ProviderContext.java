package io.captionrelay.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.media.ImageUrlSource;
import javax.sql.DataSource;

/**
 * What a provider's routes may use, besides their own settings: image preparation, public image URLs,
 * circuits, the retry policy, and the database (for asynchronous jobs).
 */
public record ProviderContext(
        ProviderSettings settings,
        ImagePreparation preparation,
        ImageUrlSource urls,
        ProviderCircuits circuits,
        RetryPolicy retry,
        DataSource dataSource,
        ObjectMapper mapper) {
}
