package io.captionrelay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.inbox.DropFolderBeans;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.pipeline.DescribeStep;
import io.captionrelay.pipeline.DurableLedger;
import io.captionrelay.pipeline.PreparedImageLedger;
import io.captionrelay.provider.PreparedAnswers;
import io.captionrelay.pipeline.FailureRecords;
import io.captionrelay.pipeline.ImageClaims;
import io.captionrelay.pipeline.InProgressLimit;
import io.captionrelay.pipeline.Intake;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.PipelineRoutes;
import io.captionrelay.settings.Settings;
import io.captionrelay.sink.OutboxFolders;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Wiring for the pipeline: intake, describe and deliver, the sinks' shared beans and their error handling. */
final class PipelineWiring {

    private PipelineWiring() {
    }

    /** The image inspector the intake uses, bound for the YAML routes too. */
    static ImageInspector inspector(Registry registry, Settings settings) {
        ImageInspector inspector = new ImageInspector(settings.longValue("relay.image.max-bytes"),
                settings.longValue("relay.image.max-pixels"));
        registry.bind(RelayConfiguration.INSPECTOR, inspector);
        return inspector;
    }

    static void register(CamelContext context, Settings settings, ObjectMapper mapper, ImageInspector inspector,
                         PipelineProgress progress, DropFolderBeans dropFolder, DurableLedger ledger,
                         List<ProviderTask> tasks) throws Exception {
        Registry registry = context.getRegistry();
        registry.bind(RelayConfiguration.SIDECAR_MAPPER,
                Json.mapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT));
        registry.bind(RelayConfiguration.FAILURE_RECORDS, new FailureRecords(mapper, dropFolder.archive()::placeRecordIn));
        registry.bind("outboxFolders", new OutboxFolders(Path.of(settings.string("relay.outbox.dir"))));
        registry.bind(RelayConfiguration.PROGRESS, progress);

        List<String> sinks = settings.list("relay.sinks");
        if (sinks.isEmpty()) {
            throw new IllegalStateException("relay.sinks names no sink; use file, jdbc, kafka, jms or several");
        }
        context.addStartupListener(new SinkRoutesCheck(sinks));
        context.addRoutes(new PipelineRoutes(
                new Intake(inspector, new ImageClaims(), progress, settings.longValue("relay.image.max-bytes"),
                        dropFolder.jail()::recheck),
                new DescribeStep(ledger, registry.lookupByNameAndType(PreparedAnswers.BEAN, PreparedImageLedger.class),
                        settings.bool("relay.force")),
                tasks, sinks, settings.intValue("relay.pipeline.workers"), progress,
                new PipelineRoutes.SinkRetry(settings.intValue("relay.sink.retry.max-retries"),
                        settings.longValue("relay.sink.retry.initial-delay"), settings.longValue("relay.sink.retry.max-delay")),
                new InProgressLimit(settings.intValue("relay.pipeline.max-in-progress"),
                        context.getExecutorServiceManager().newCachedThreadPool(PipelineWiring.class, "intake-resume"))));
    }
}
