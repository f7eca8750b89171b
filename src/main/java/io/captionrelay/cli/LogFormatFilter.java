package io.captionrelay.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender through only when it writes the log format chosen with {@code RELAY_LOG_FORMAT}:
 * {@code json} selects the JSON appender; any other value, or none, the text appender (logback.xml).
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {

    private boolean jsonAppender;
    private boolean jsonChosen;

    /** The format this appender writes: {@code json} or {@code text}. */
    public void setWrites(String format) {
        jsonAppender = "json".equalsIgnoreCase(format.strip());
    }

    /** The value of {@code RELAY_LOG_FORMAT}. */
    public void setChosen(String format) {
        jsonChosen = "json".equalsIgnoreCase(format.strip());
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return jsonAppender == jsonChosen ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
