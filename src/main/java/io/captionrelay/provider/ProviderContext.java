package io.captionrelay.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.spend.TaskBudget;
import javax.sql.DataSource;

/**
 * What a provider's routes may use, besides their own settings: image preparation, public image URLs,
 * circuits, the retry policy, the task's quota gate, the database (for asynchronous jobs), and the task's budget.
 */
public record ProviderContext(
        ProviderSettings settings,
        ImagePreparation preparation,
        ImageUrlSource urls,
        ProviderCircuits circuits,
        RetryPolicy retry,
        QuotaGate gate,
        DataSource dataSource,
        ObjectMapper mapper,
        RelayMetrics metrics,
        TaskBudget budget) {
}
