package io.captionrelay.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.captionrelay.config.RelayConfiguration;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.LoggerFactory;

/**
 * {@code describe} and {@code --batch} start quietly: Camel's own start-up and shutdown lines (about thirty) are left
 * out, warnings and errors kept, and one line says what runs. The service keeps Camel's lines, as operators read them.
 */
final class QuietStart extends MainListenerSupport implements AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(QuietStart.class);

    private final String mode;
    private final Logger camel;

    private QuietStart(String mode, Logger camel) {
        this.mode = mode;
        this.camel = camel;
    }

    /** Camel logs warnings and errors only until {@link #close}; {@code mode} names the command in the one line. */
    static QuietStart of(String mode) {
        if (LoggerFactory.getLogger("org.apache.camel") instanceof Logger camel && camel.getLevel() == Level.INFO) {
            camel.setLevel(Level.WARN);
            return new QuietStart(mode, camel);
        }
        return new QuietStart(mode, null); // a level chosen elsewhere (a logback file of one's own) is left as it is
    }

    /** Camel's level as it was. */
    @Override
    public void close() {
        if (camel != null) {
            camel.setLevel(Level.INFO);
        }
    }

    /** Before the context starts, so that the line is there also when start-up then fails. */
    @Override
    public void afterConfigure(BaseMainSupport main) {
        said(main.getCamelContext());
    }

    /** The one line: what runs (the routes, whether a database is open, whether the management server listens). */
    void said(CamelContext context) {
        var properties = context.getPropertiesComponent();
        String sinks = mode.equals("describe") ? "none" : properties.resolveProperty("relay.sinks").orElse("?");
        String database = context.getRegistry().lookupByName(RelayConfiguration.DATA_SOURCE) != null ? "open" : "none";
        String management = properties.resolveProperty("camel.management.enabled").filter(Boolean::parseBoolean).isPresent() ? "on" : "off";
        String routes = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().stream()
                .filter(route -> created(context, route)).map(RouteDefinition::getRouteId).filter(Objects::nonNull).sorted()
                .collect(Collectors.joining(" "));
        LOG.info("CaptionRelay {}: providers {}, sinks {}, database {}, management server {}, routes: {}", mode,
                properties.resolveProperty("relay.providers").orElse("?"), sinks, database, management, routes);
    }

    /** A route whose precondition does not hold (the S3, SQS and Kafka sources while off) is never created. */
    private static boolean created(CamelContext context, RouteDefinition route) {
        String precondition = route.getPrecondition();
        return precondition == null || context.resolveLanguage("simple")
                .createPredicate(context.resolvePropertyPlaceholders(precondition)).matches(new DefaultExchange(context));
    }
}
