package io.captionrelay.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what one logger writes, so a test can wait for a line (a retry, a warning) instead of sleeping. */
public final class LogRecorder implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogRecorder(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** True once a line containing every one of {@code parts} was logged. */
    public boolean contains(String... parts) {
        return lines().stream().anyMatch(line -> Arrays.stream(parts).allMatch(line::contains));
    }

    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Every line with the messages of its exception and the exception's causes, as the console would show them. */
    public List<String> linesWithCauses() {
        synchronized (appender) {
            return appender.list.stream().map(event -> {
                StringBuilder all = new StringBuilder(event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    all.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
                }
                return all.toString();
            }).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
