package io.captionrelay.failure;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the camel-aws2-s3 consumer's own warnings ("Exchange failed, so rolling back ...", "Error
 * processing exchange ...", each with a stack trace) about an object that failed with a
 * {@link RelayException}: the pipeline has already reported that failure once, with its reason, and
 * moved the object aside. Anything else the consumer says (listing or move errors, unexpected
 * exceptions) still gets through.
 */
public final class ReportedFailureLogFilter extends Filter<ILoggingEvent> {

    static final String CONSUMER = "org.apache.camel.component.aws2.s3.AWS2S3Consumer";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (CONSUMER.equals(event.getLoggerName()) && causedByRelayException(event.getThrowableProxy())) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean causedByRelayException(IThrowableProxy proxy) {
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            if (RelayException.class.getName().equals(t.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
