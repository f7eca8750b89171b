package io.captionrelay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.events.EventBeans;
import io.captionrelay.image.HeifDecoder;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImagePreparer;
import io.captionrelay.inbox.DropFolderBeans;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.media.ImageUrlsBySource;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.observe.ManagementToken;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.pipeline.FailureRecords;
import io.captionrelay.pipeline.FallbackChains;
import io.captionrelay.pipeline.InProgressLimit;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.ResultClaims;
import io.captionrelay.pipeline.StuckWork;
import io.captionrelay.provider.ImagePreparation;
import io.captionrelay.provider.PendingRefeed;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderBeans;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.s3.S3Beans;
import io.captionrelay.settings.Settings;
import io.captionrelay.sink.RelayDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Builds CaptionRelay's beans from configuration, binds the ones YAML routes refer to, and adds
 * the core Java routes. Every key read here is documented in {@code application.properties}.
 */
public final class RelayConfiguration implements CamelConfiguration {

    /** Registry names the YAML routes use. */
    public static final String OBJECT_MAPPER = "relayObjectMapper";
    public static final String SIDECAR_MAPPER = "relaySidecarMapper";
    public static final String DATA_SOURCE = "relayDataSource";
    public static final String CAPTION_ROWS = "captionRows";
    public static final String FAILURE_RECORDS = FailureRecords.BEAN;
    public static final String PROGRESS = PipelineProgress.BEAN;
    public static final String LEDGER = "captionLedger";
    public static final String INBOX_SCAN = DropFolderBeans.SCAN;
    public static final String CIRCUITS = "providerCircuits";
    public static final String INSPECTOR = "imageInspector";
    public static final String QUOTA_GATES = ProviderBeans.QUOTA_GATES;
    public static final String PENDING_REFEED = "pendingRefeed";
    public static final String METRICS = "relayMetrics";
    public static final String CAPTION_TABLE = "captionTable";
    public static final String RESULT_EVENTS = "resultEvents";
    public static final String STUCK_WORK = StuckWork.BEAN;

    private final StartPlan plan;

    /** The service: everything configured. */
    public RelayConfiguration() {
        this(StartPlan.service());
    }

    /** What {@code plan} says the command uses, and nothing else. */
    public RelayConfiguration(StartPlan plan) {
        this.plan = plan;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        settings.optional("relay.management.token").filter(token -> !token.isBlank())
                .ifPresent(token -> ManagementToken.protect(context, token));
        ObjectMapper mapper = Json.mapper();
        registry.bind(OBJECT_MAPPER, mapper);
        ImageInspector inspector = PipelineWiring.inspector(registry, settings);
        List<ProviderTask> tasks = ProviderCatalog.tasks(settings.list("relay.providers"), settings::optional);
        RelayDatabase database = plan.database(settings, tasks) ? DatabaseWiring.open(context, settings) : null;
        DataSource dataSource = database == null ? null : database.dataSource();
        ProviderCircuits circuits = new ProviderCircuits(Duration.ofMillis(settings.longValue("relay.circuit.probe-after")));
        registry.bind(CIRCUITS, circuits);
        RelayMetrics metrics = new RelayMetrics(() -> context.getRegistry().findSingleByType(MeterRegistry.class));
        registry.bind(METRICS, metrics);
        ImagePreparer preparer = new ImagePreparer(HeifDecoder.from(settings));
        ImagePreparation preparation = (job, requirements, refused) -> refused == null
                ? preparer.prepare(job.bytes(), job.facts(), requirements)
                : preparer.prepareSmaller(job.bytes(), job.facts(), requirements, refused);
        ImageUrlSource media = MediaWiring.register(context, settings);
        if (!plan.pipeline()) {
            // describe: the tasks' own routes, nothing around them
            ProviderBeans.register(context, settings::optional, tasks, new ProviderBeans.Shared(preparation, media, circuits,
                    dataSource, mapper, metrics, new PipelineProgress(() -> 0)::showAlso));
            return;
        }

        DatabaseWiring.Wired db = DatabaseWiring.register(context, settings, mapper, database);
        PendingRefeed pendingRefeed = new PendingRefeed(circuits, mapper);
        registry.bind(PENDING_REFEED, pendingRefeed);
        DropFolderBeans dropFolder = new DropFolderBeans(registry, settings, mapper, pendingRefeed);
        PipelineProgress progress = new PipelineProgress(dropFolder.scan()::waiting);
        FallbackChains fallback = FallbackChains.parse(settings.stringOrEmpty("relay.fallback.chains"), tasks,
                names -> ProviderCatalog.tasks(names, settings::optional));
        ResultClaims claims = ClusterWiring.register(context, settings, dataSource);
        InProgressLimit inProgress = PipelineWiring.register(context, settings, mapper, inspector, progress, dropFolder,
                db.durableLedger(), claims, tasks, fallback, plan);
        dropFolder.sweepInto(progress, inProgress::busy);

        // images from S3 get presigned links to their bucket; the others the app's own signed media links
        ObjectMapper sidecarMapper = registry.lookupByNameAndType(SIDECAR_MAPPER, ObjectMapper.class);
        S3Beans s3 = S3Beans.register(context, settings, sidecarMapper, pendingRefeed);
        EventBeans.register(context, settings, mapper); // the SQS and Kafka sources, reading objects through S3Beans' store
        ImageUrlSource urls = new ImageUrlsBySource(s3.urls(), media);
        // fallback tasks get routes too, but run only for the tasks they stand in for
        List<ProviderTask> routed = java.util.stream.Stream.concat(tasks.stream(), fallback.fallbackTasks().stream()).toList();
        ProviderBeans.register(context, settings::optional, routed, new ProviderBeans.Shared(preparation, urls, circuits,
                dataSource, mapper, metrics, progress::showAlso));
        ClusterWiring.shareProviderFeedback(context, settings, dataSource, circuits);
        ObserveWiring.register(context, settings, progress);
    }
}
