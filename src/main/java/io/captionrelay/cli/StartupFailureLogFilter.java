package io.captionrelay.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops Camel's "Error starting CamelContext" log line and its stack trace: the command line prints the
 * same failure once, as one sentence ({@link ConfigurationProblem}), and exits with a code.
 */
public final class StartupFailureLogFilter extends Filter<ILoggingEvent> {

    static final String CONTEXT = "org.apache.camel.impl.engine.AbstractCamelContext";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLevel() == Level.ERROR && CONTEXT.equals(event.getLoggerName())
                && event.getMessage() != null && event.getMessage().startsWith("Error starting CamelContext")
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
