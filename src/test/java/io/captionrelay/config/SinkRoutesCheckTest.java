package io.captionrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.testing.RelayApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkRoutesCheckTest {

    @TempDir
    Path tmp;

    @Test
    void should_refuse_to_start_when_relay_sinks_names_a_sink_no_route_reads() {
        RelayApp app = new RelayApp(tmp).with("relay.sinks", "file,kafak");
        try {
            assertThatThrownBy(app::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("relay.sinks names 'kafak'")
                    .hasMessageContaining("direct:sink-kafak")
                    .hasMessageContaining("file, jdbc, jms, kafka");
        } finally {
            try {
                app.close();
            } catch (Exception ignored) {
                // it never started
            }
        }
    }

    @Test
    void should_not_check_a_context_without_sink_routes_as_the_describe_command_runs_it() throws Exception {
        try (RelayApp app = new RelayApp(tmp)
                .with("camel.main.routes-include-pattern", "classpath:captionrelay/no-routes/*.camel.yaml")
                .start()) {
            assertThat(app.context().getRoute("pipeline-deliver")).isNotNull();
            assertThat(app.context().getRoute("sink-file")).isNull();
        }
    }

    @Test
    void should_read_the_sink_name_from_a_route_input() {
        assertThat(SinkRoutesCheck.sinkName("direct:sink-kafka")).isEqualTo("kafka");
        assertThat(SinkRoutesCheck.sinkName("direct://sink-s3?timeout=5000")).isEqualTo("s3");
        assertThat(SinkRoutesCheck.sinkName("direct:intake")).isNull();
        assertThat(SinkRoutesCheck.sinkName("file:inbox")).isNull();
        assertThat(SinkRoutesCheck.sinkName(null)).isNull();
    }
}
