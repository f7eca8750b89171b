package io.captionrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.testing.RelayApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event sources exist only when configured, and refuse to start half-configured. */
class EventSourcesOffTest {

    @TempDir
    Path tmp;

    @Test
    void should_refuse_to_start_the_sqs_source_without_its_queues() {
        RelayApp app = new RelayApp(tmp).with("relay.sqs.enabled", "true").with("relay.sqs.queue", "uploads");
        assertThatThrownBy(app::start).hasStackTraceContaining("relay.sqs.dead-letter-queue must be set when relay.sqs.enabled=true");
    }

    @Test
    void should_create_neither_route_nor_client_by_default() throws Exception {
        try (RelayApp app = new RelayApp(tmp).start()) {
            assertThat(app.context().getRoute("source-sqs")).isNull();
            assertThat(app.context().getRoute("source-kafka")).isNull();
            assertThat(app.context().getRegistry().lookupByName(EventBeans.SQS_CLIENT)).isNull();
        }
    }
}
