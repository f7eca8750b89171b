package io.captionrelay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImagePreparer;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.media.ImageUrlsBySource;
import io.captionrelay.media.MediaConfiguration;
import io.captionrelay.observe.ProviderHealthCheck;
import io.captionrelay.observe.ProviderPace;
import io.captionrelay.observe.RelayMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.captionrelay.pipeline.InProgressLimit;
import io.captionrelay.pipeline.CaptionLedger;
import io.captionrelay.pipeline.DescribeStep;
import io.captionrelay.pipeline.DurableLedger;
import io.captionrelay.pipeline.LedgerRoutes;
import io.captionrelay.pipeline.PaidAnswers;
import io.captionrelay.pipeline.FailureRecords;
import io.captionrelay.pipeline.ImageClaims;
import io.captionrelay.pipeline.InboxScan;
import io.captionrelay.pipeline.Intake;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.PipelineRoutes;
import io.captionrelay.pipeline.ProviderTask;
import io.captionrelay.pipeline.SinkRouteConfiguration;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.HttpProviderRoutes;
import io.captionrelay.provider.ImagePreparation;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.provider.ProviderContext;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.provider.RetryPolicy;
import io.captionrelay.provider.SentOnTheWire;
import io.captionrelay.quota.MemorySendLog;
import io.captionrelay.quota.PostgresSendLog;
import io.captionrelay.quota.SendLog;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaGates;
import io.captionrelay.quota.QuotaLimit;
import io.captionrelay.s3.S3Setup;
import io.captionrelay.sink.CaptionRows;
import io.captionrelay.sink.CaptionTable;
import io.captionrelay.sink.ResultEvents;
import io.captionrelay.sink.RelayDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

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
    public static final String FAILURE_RECORDS = "failureRecords";
    public static final String PROGRESS = "pipelineProgress";
    public static final String LEDGER = "captionLedger";
    public static final String INBOX_SCAN = "inboxScan";
    public static final String CIRCUITS = "providerCircuits";
    public static final String INSPECTOR = "imageInspector";
    public static final String QUOTA_GATES = "quotaGates";
    public static final String PENDING_REFEED = "pendingRefeed";
    public static final String METRICS = "relayMetrics";
    public static final String CAPTION_TABLE = "captionTable";
    public static final String RESULT_EVENTS = "resultEvents";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        ObjectMapper mapper = Json.mapper();

        RelayDatabase database = new RelayDatabase(settings.string("relay.db.url"),
                settings.stringOrEmpty("relay.db.user"), settings.stringOrEmpty("relay.db.password"),
                settings.intValue("relay.db.pool-size"), settings.longValue("relay.db.connection-timeout"));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        }, true);

        InboxScan inboxScan = new InboxScan(Path.of(settings.string("relay.inbox.dir")),
                settings.string("relay.inbox.extensions"));
        PipelineProgress progress = new PipelineProgress(inboxScan::waiting);
        CaptionLedger ledger = new CaptionLedger(database.dataSource(), mapper);
        ProducerTemplate ledgerCalls = context.createProducerTemplate();
        context.addService(ledgerCalls, true);
        DurableLedger durableLedger = new DurableLedger(ledger,
                new PaidAnswers(Path.of(settings.string("relay.db.paid-answers.dir")), mapper), ledgerCalls);
        context.addRoutes(new LedgerRoutes(ledger, durableLedger, new LedgerRoutes.DatabaseRetry(
                settings.intValue("relay.db.retry.max-retries"), settings.longValue("relay.db.retry.initial-delay"),
                settings.longValue("relay.db.retry.max-delay"), settings.longValue("relay.db.paid-answers.flush-interval"))));
        long maxBytes = settings.longValue("relay.image.max-bytes");
        ImageInspector inspector = new ImageInspector(maxBytes, settings.longValue("relay.image.max-pixels"));

        registry.bind(OBJECT_MAPPER, mapper);
        registry.bind(SIDECAR_MAPPER, Json.mapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT));
        registry.bind(DATA_SOURCE, database.dataSource());
        CaptionRows captionRows = new CaptionRows(mapper);
        registry.bind(CAPTION_ROWS, captionRows);
        registry.bind(CAPTION_TABLE, new CaptionTable(database.dataSource(), captionRows));
        registry.bind(RESULT_EVENTS, new ResultEvents(mapper));
        registry.bind(FAILURE_RECORDS, new FailureRecords(mapper));
        registry.bind(PROGRESS, progress);
        registry.bind(LEDGER, ledger);
        registry.bind(INBOX_SCAN, inboxScan);
        registry.bind(INSPECTOR, inspector);

        List<String> sinks = settings.list("relay.sinks");
        if (sinks.isEmpty()) {
            throw new IllegalStateException("relay.sinks names no sink; use file, jdbc, kafka, jms or several");
        }
        context.addStartupListener(new SinkRoutesCheck(sinks));
        context.addRoutesConfigurations(new SinkRouteConfiguration());
        List<ProviderTask> tasks = ProviderCatalog.tasks(settings.list("relay.providers"), settings::optional);
        context.addRoutes(new PipelineRoutes(
                new Intake(inspector, new ImageClaims(), progress, maxBytes),
                new DescribeStep(durableLedger, settings.bool("relay.force")),
                tasks, sinks, settings.intValue("relay.pipeline.workers"), progress,
                new PipelineRoutes.SinkRetry(settings.intValue("relay.sink.retry.max-retries"),
                        settings.longValue("relay.sink.retry.initial-delay"), settings.longValue("relay.sink.retry.max-delay")),
                new InProgressLimit(settings.intValue("relay.pipeline.max-in-progress"),
                        context.getExecutorServiceManager().newCachedThreadPool(this, "intake-resume"))));

        ProviderCircuits circuits = new ProviderCircuits(Duration.ofMillis(settings.longValue("relay.circuit.probe-after")));
        registry.bind(CIRCUITS, circuits);
        var pendingRefeed = new io.captionrelay.provider.PendingRefeed(circuits, mapper);
        registry.bind(PENDING_REFEED, pendingRefeed);
        ImagePreparer preparer = new ImagePreparer();
        ImagePreparation preparation = (job, requirements, refused) -> refused == null
                ? preparer.prepare(job.bytes(), job.facts(), requirements)
                : preparer.prepareSmaller(job.bytes(), job.facts(), requirements, refused);
        // images from S3 get presigned links to their bucket; the others the app's own signed media links
        S3Setup s3 = S3Setup.register(context, settings, pendingRefeed);
        ImageUrlSource urls = new ImageUrlsBySource(s3.urls(), mediaLinks(context, settings));
        RetryPolicy retry = new RetryPolicy(settings.intValue("relay.retry.transient.max-retries"),
                settings.longValue("relay.retry.transient.initial-delay"), settings.longValue("relay.retry.transient.max-delay"),
                settings.intValue("relay.retry.rate-limited.max-retries"), settings.longValue("relay.retry.rate-limited.delay"));
        SendLog sendLog = switch (settings.string("relay.quota.store")) {
            case "memory" -> new MemorySendLog();
            case "postgresql" -> new PostgresSendLog(database.dataSource());
            default -> throw new IllegalStateException("relay.quota.store is memory or postgresql");
        };
        ScheduledExecutorService quotaScheduler = context.getExecutorServiceManager().newScheduledThreadPool(this, "quota", 1);
        var quotaGranted = context.getExecutorServiceManager().newCachedThreadPool(this, "quota-granted");
        Duration margin = Duration.ofMillis(settings.longValue("relay.quota.margin"));
        QuotaGates gates = new QuotaGates();
        registry.bind(QUOTA_GATES, gates);
        RelayMetrics metrics = new RelayMetrics(() -> context.getRegistry().findSingleByType(MeterRegistry.class));
        registry.bind(METRICS, metrics);
        Map<String, List<QuotaGate>> gatesByProvider = new LinkedHashMap<>();
        for (ProviderTask task : tasks) {
            ProviderCatalog.Entry entry = ProviderCatalog.entry(task.id()).orElseThrow();
            ProviderSettings providerSettings = new ProviderSettings(task.id(), task.provider(), settings::optional);
            QuotaGate gate = new QuotaGate(task.id(), QuotaLimit.parseAll(providerSettings.string("quota", "")), margin,
                    providerSettings.keys(), (int) providerSettings.longValue("max-in-flight", 4), sendLog, quotaScheduler,
                    quotaGranted);
            gates.add(gate);
            if (entry.remote()) {
                context.addComponent(HttpProviderRoutes.componentName(task.id()), httpComponent(providerSettings));
                gatesByProvider.computeIfAbsent(task.provider(), p -> new java.util.ArrayList<>()).add(gate);
            }
            context.addRoutes(entry.routes().apply(new ProviderContext(providerSettings, preparation, urls, circuits, retry,
                    gate, database.dataSource(), mapper, metrics)));
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        gatesByProvider.forEach((provider, providerGates) -> {
            metrics.circuitGauge(provider, () -> circuits.isOpen(provider));
            if (health != null) {
                health.register(new ProviderHealthCheck(provider, circuits, providerGates));
            }
        });
        ProviderPace pace = new ProviderPace(gates.all());
        progress.showAlso(pace, pace::anyWaitingForQuota);
    }

    /** One camel-http component per remote task: its own timeouts, and no hidden retries (CAMEL-NOTES.md). */
    private static HttpComponent httpComponent(ProviderSettings settings) {
        HttpComponent http = new HttpComponent();
        http.setAutomaticRetriesDisabled(true);
        http.setConnectTimeout(settings.longValue("connect-timeout", 10_000));
        http.setResponseTimeout(settings.longValue("response-timeout", 60_000));
        http.setSoTimeout(settings.longValue("response-timeout", 60_000));
        return SentOnTheWire.install(http);
    }

    /** Signed media links when the embedded HTTP server is on; otherwise URL-only providers cannot be used. */
    private static ImageUrlSource mediaLinks(CamelContext context, Settings settings) throws Exception {
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
