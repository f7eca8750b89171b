package io.captionrelay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.pipeline.CaptionLedger;
import io.captionrelay.pipeline.DurableLedger;
import io.captionrelay.pipeline.PreparedImageLedger;
import io.captionrelay.provider.PreparedAnswers;
import io.captionrelay.pipeline.LedgerRoutes;
import io.captionrelay.pipeline.PaidAnswers;
import io.captionrelay.settings.Settings;
import io.captionrelay.sink.CaptionRows;
import io.captionrelay.sink.CaptionTable;
import io.captionrelay.sink.RelayDatabase;
import io.captionrelay.sink.ResultEvents;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/** Wiring for the database and the ledger: the pool, the ledger and its routes, and the table beans the sinks use. */
final class DatabaseWiring {

    /** What the other wiring needs from here. */
    record Wired(RelayDatabase database, CaptionLedger ledger, DurableLedger durableLedger) {
    }

    private DatabaseWiring() {
    }

    /** The pool (migrations run), closed when Camel stops: what {@code describe} with a paid task needs, and nothing more. */
    static RelayDatabase open(CamelContext context, Settings settings) throws Exception {
        RelayDatabase database = new RelayDatabase(settings.string("relay.db.url"),
                settings.stringOrEmpty("relay.db.user"), settings.stringOrEmpty("relay.db.password"),
                settings.intValue("relay.db.pool-size"), settings.longValue("relay.db.connection-timeout"));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        }, true);
        context.getRegistry().bind(RelayConfiguration.DATA_SOURCE, database.dataSource());
        return database;
    }

    /** The ledger on {@code database}, its routes, and the table beans the sinks use. */
    static Wired register(CamelContext context, Settings settings, ObjectMapper mapper, RelayDatabase database) throws Exception {
        Registry registry = context.getRegistry();

        CaptionLedger ledger = new CaptionLedger(database.dataSource(), mapper);
        ProducerTemplate ledgerCalls = context.createProducerTemplate();
        context.addService(ledgerCalls, true);
        DurableLedger durableLedger = new DurableLedger(ledger,
                new PaidAnswers(Path.of(settings.string("relay.db.paid-answers.dir")), mapper), ledgerCalls);
        context.addRoutes(new LedgerRoutes(ledger, durableLedger, new LedgerRoutes.DatabaseRetry(
                settings.intValue("relay.db.retry.max-retries"), settings.longValue("relay.db.retry.initial-delay"),
                settings.longValue("relay.db.retry.max-delay"), settings.longValue("relay.db.paid-answers.flush-interval"))));

        CaptionRows captionRows = new CaptionRows(mapper);
        registry.bind(RelayConfiguration.CAPTION_ROWS, captionRows);
        registry.bind(RelayConfiguration.CAPTION_TABLE, new CaptionTable(database.dataSource(), captionRows));
        registry.bind(RelayConfiguration.RESULT_EVENTS, new ResultEvents(mapper));
        registry.bind(RelayConfiguration.LEDGER, ledger);
        registry.bind(PreparedAnswers.BEAN, new PreparedImageLedger(database.dataSource(), mapper, settings.bool("relay.force")));
        return new Wired(database, ledger, durableLedger);
    }
}
