package io.captionrelay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.inbox.DropFolderBeans;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.pipeline.AnswerRules;
import io.captionrelay.pipeline.DescribeStep;
import io.captionrelay.pipeline.DurableLedger;
import io.captionrelay.pipeline.FallbackChains;
import io.captionrelay.pipeline.PreparedImageLedger;
import io.captionrelay.provider.PreparedAnswers;
import io.captionrelay.pipeline.FailureRecords;
import io.captionrelay.pipeline.ImageClaims;
import io.captionrelay.pipeline.InProgressLimit;
import io.captionrelay.pipeline.InProgressPolls;
import io.captionrelay.pipeline.ResultClaims;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.pipeline.Intake;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.PipelineRoutes;
import io.captionrelay.settings.Settings;
import io.captionrelay.sink.MetadataWriteBack;
import io.captionrelay.sink.OutboxFolders;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Wiring for the pipeline: intake, describe and deliver, the sinks' shared beans and their error handling. */
final class PipelineWiring {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PipelineWiring.class);

    private PipelineWiring() {
    }

    /** The image inspector the intake uses, bound for the YAML routes too. */
    static ImageInspector inspector(Registry registry, Settings settings) {
        ImageInspector inspector = new ImageInspector(settings.longValue("relay.image.max-bytes"),
                settings.longValue("relay.image.max-pixels"));
        registry.bind(RelayConfiguration.INSPECTOR, inspector);
        return inspector;
    }

    /** @return the in-progress limit every source's polls keep to */
    static InProgressLimit register(CamelContext context, Settings settings, ObjectMapper mapper, ImageInspector inspector,
                         PipelineProgress progress, DropFolderBeans dropFolder, DurableLedger ledger,
                         ResultClaims claims, List<ProviderTask> tasks, FallbackChains fallback, StartPlan plan) throws Exception {
        Registry registry = context.getRegistry();
        int workers = settings.intValue("relay.pipeline.workers");
        InProgressLimit inProgress = new InProgressLimit(inProgressLimit(settings, tasks, workers),
                context.getExecutorServiceManager().newCachedThreadPool(PipelineWiring.class, "intake-resume"), claims.shared());
        registry.bind(InProgressPolls.BEAN, new InProgressPolls(inProgress));
        registry.bind(RelayConfiguration.SIDECAR_MAPPER,
                Json.mapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT));
        registry.bind(RelayConfiguration.FAILURE_RECORDS, new FailureRecords(mapper, dropFolder.archive()::placeRecordIn));
        registry.bind("outboxFolders", new OutboxFolders(Path.of(settings.string("relay.outbox.dir"))));
        registry.bind(MetadataWriteBack.BEAN, MetadataWriteBack.from(settings));
        registry.bind(RelayConfiguration.PROGRESS, progress);

        List<String> sinks = settings.list("relay.sinks");
        if (sinks.isEmpty()) {
            throw new IllegalStateException("relay.sinks names no sink; use file, jdbc, kafka, jms or several");
        }
        SinkRoutesCheck.install(context, sinks, plan);
        context.addRoutes(new PipelineRoutes(
                new Intake(inspector, new ImageClaims(), progress, settings.longValue("relay.image.max-bytes"),
                        dropFolder.jail()::recheck),
                new DescribeStep(ledger, registry.lookupByNameAndType(PreparedAnswers.BEAN, PreparedImageLedger.class),
                        settings.bool("relay.force"), claims, AnswerRules.from(settings), fallback),
                tasks, sinks, workers, progress,
                new PipelineRoutes.SinkRetry(settings.intValue("relay.sink.retry.max-retries"),
                        settings.longValue("relay.sink.retry.initial-delay"), settings.longValue("relay.sink.retry.max-delay")),
                inProgress,
                // relay.result.merge: the order in which tasks win each field (default: relay.providers)
                settings.bool("relay.result.merge") ? settings.optional("relay.result.merge.order")
                        .map(v -> settings.list("relay.result.merge.order")).orElse(tasks.stream().map(ProviderTask::id).toList()) : null));
        return inProgress;
    }

    /**
     * relay.pipeline.max-in-progress; a warning when the remote tasks may have more calls in flight than that (plus one
     * image per worker being read or delivered): the limit then keeps the providers from their concurrency.
     */
    private static int inProgressLimit(Settings settings, List<ProviderTask> tasks, int workers) {
        int limit = settings.intValue("relay.pipeline.max-in-progress");
        long inFlight = tasks.stream()
                .filter(task -> ProviderCatalog.entry(task.id()).map(ProviderCatalog.Entry::remote).orElse(false))
                .mapToLong(task -> new ProviderSettings(task.id(), task.provider(), settings::optional).longValue("max-in-flight", 4))
                .sum();
        if (inFlight + workers > limit) {
            LOG.warn("relay.pipeline.max-in-progress = {} holds back the providers' {} calls in flight: set it to {} or more"
                    + " to use them all", limit, inFlight, inFlight + workers);
        }
        return limit;
    }
}
