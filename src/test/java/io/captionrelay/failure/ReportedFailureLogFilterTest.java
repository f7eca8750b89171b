package io.captionrelay.failure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class ReportedFailureLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ReportedFailureLogFilter filter = new ReportedFailureLogFilter();

    private LoggingEvent event(String logger, Throwable thrown) {
        return new LoggingEvent("x", context.getLogger(logger), Level.WARN, "Exchange failed, so rolling back message status", thrown, null);
    }

    @Test
    void should_drop_the_s3_consumers_repeat_of_a_reported_failure() {
        Throwable reported = new IllegalStateException("wrapped", RelayException.badInput("not an image"));
        assertThat(filter.decide(event(ReportedFailureLogFilter.CONSUMER, reported))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void should_let_everything_else_through() {
        assertThat(filter.decide(event(ReportedFailureLogFilter.CONSUMER, new IllegalStateException("S3 is down"))))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(ReportedFailureLogFilter.CONSUMER, null))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("io.captionrelay.pipeline.FailureRecords", RelayException.badInput("x"))))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
