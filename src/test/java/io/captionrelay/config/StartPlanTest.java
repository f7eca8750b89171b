package io.captionrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class StartPlanTest {

    @Test
    void should_open_the_database_for_describe_only_for_a_paid_task_or_a_shared_quota() {
        Settings memory = settings(Map.of("relay.quota.store", "memory", "relay.provider.openai.model", "m"));
        Settings shared = settings(Map.of("relay.quota.store", "postgresql"));

        assertThat(StartPlan.describe().database(memory, tasks(memory, "local"))).isFalse();
        assertThat(StartPlan.describe().database(memory, tasks(memory, "openai"))).isTrue();
        assertThat(StartPlan.describe().database(shared, tasks(shared, "local"))).isTrue();
        assertThat(StartPlan.batch(key -> false).database(memory, tasks(memory, "local"))).isTrue();
        assertThat(StartPlan.service().database(memory, tasks(memory, "local"))).isTrue();
        assertThat(StartPlan.describe().pipeline()).isFalse();
        assertThat(StartPlan.batch(key -> false).pipeline()).isTrue();
    }

    @Test
    void should_leave_out_the_sink_routes_a_batch_does_not_name_and_keep_every_route_for_the_service() {
        List<String> sinks = List.of("file", "jdbc");

        assertThat(StartPlan.batch(key -> false).sinkRouteWanted("file", sinks)).isTrue();
        assertThat(StartPlan.batch(key -> false).sinkRouteWanted("kafka", sinks)).isFalse();
        assertThat(StartPlan.batch(key -> false).sinkRouteWanted(null, sinks)).isTrue();
        assertThat(StartPlan.service().sinkRouteWanted("kafka", sinks)).isTrue();
    }

    @Test
    void should_switch_the_management_server_and_jmx_off_for_a_batch_unless_asked_for() {
        assertThat(StartPlan.batch(key -> false).overrides())
                .containsEntry("camel.management.enabled", "false").containsEntry("camel.main.jmx-enabled", "false");
        assertThat(StartPlan.batch(key -> key.equals("camel.management.enabled")).overrides())
                .doesNotContainKey("camel.management.enabled").containsEntry("camel.main.jmx-enabled", "false");
        assertThat(StartPlan.service().overrides()).isEmpty();
        assertThat(StartPlan.describe().overrides()).containsEntry("camel.management.enabled", "false")
                .containsKey("camel.main.routes-include-pattern");
    }

    private static Settings settings(Map<String, String> values) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(values);
        context.getPropertiesComponent().setInitialProperties(properties);
        return new Settings(context.getPropertiesComponent());
    }

    private static List<io.captionrelay.model.ProviderTask> tasks(Settings settings, String task) {
        return ProviderCatalog.tasks(List.of(task), settings::optional);
    }
}
