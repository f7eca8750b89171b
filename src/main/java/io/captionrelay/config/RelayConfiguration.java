package io.captionrelay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.pipeline.CaptionLedger;
import io.captionrelay.pipeline.DescribeStep;
import io.captionrelay.pipeline.FailureRecords;
import io.captionrelay.pipeline.ImageClaims;
import io.captionrelay.pipeline.InboxScan;
import io.captionrelay.pipeline.Intake;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.pipeline.PipelineRoutes;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.local.LocalImageAnalyser;
import io.captionrelay.provider.local.LocalProviderRoute;
import io.captionrelay.sink.CaptionRows;
import io.captionrelay.sink.RelayDatabase;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Builds CaptionRelay's beans from configuration, binds the ones YAML routes refer to, and adds
 * the core Java routes. Every key read here is documented in {@code application.properties}.
 */
public final class RelayConfiguration implements CamelConfiguration {

    /** Registry names the YAML routes use. */
    public static final String OBJECT_MAPPER = "relayObjectMapper";
    public static final String DATA_SOURCE = "relayDataSource";
    public static final String CAPTION_ROWS = "captionRows";
    public static final String FAILURE_RECORDS = "failureRecords";
    public static final String PROGRESS = "pipelineProgress";
    public static final String LEDGER = "captionLedger";
    public static final String INBOX_SCAN = "inboxScan";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        ObjectMapper mapper = Json.mapper();

        RelayDatabase database = new RelayDatabase(settings.string("relay.db.url"),
                settings.stringOrEmpty("relay.db.user"), settings.stringOrEmpty("relay.db.password"),
                settings.intValue("relay.db.pool-size"));
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
        long maxBytes = settings.longValue("relay.image.max-bytes");
        ImageInspector inspector = new ImageInspector(maxBytes, settings.longValue("relay.image.max-pixels"));

        registry.bind(OBJECT_MAPPER, mapper);
        registry.bind(DATA_SOURCE, database.dataSource());
        registry.bind(CAPTION_ROWS, new CaptionRows(mapper));
        registry.bind(FAILURE_RECORDS, new FailureRecords(mapper));
        registry.bind(PROGRESS, progress);
        registry.bind(LEDGER, ledger);
        registry.bind(INBOX_SCAN, inboxScan);

        List<String> sinks = settings.list("relay.sinks");
        if (sinks.isEmpty()) {
            throw new IllegalStateException("relay.sinks names no sink; use file, jdbc or both");
        }
        context.addRoutes(new PipelineRoutes(
                new Intake(inspector, new ImageClaims(), progress, maxBytes),
                new DescribeStep(ledger, settings.bool("relay.force")),
                ProviderCatalog.tasks(settings.list("relay.providers"), settings::optional), sinks, settings.intValue("relay.pipeline.workers"), progress));
        context.addRoutes(new LocalProviderRoute(new LocalImageAnalyser(settings.intValue("relay.provider.local.sample-edge"))));
    }
}
