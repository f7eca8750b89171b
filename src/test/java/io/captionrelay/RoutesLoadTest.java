package io.captionrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.RelayApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file in routes/ loads and starts, so a user's edit there cannot break silently. */
class RoutesLoadTest {

    private static final Pattern ROUTE_ID = Pattern.compile("(?m)^- route:\\s*\\n\\s+id:\\s*\"?([\\w-]+)\"?");

    @TempDir
    Path tmp;

    @Test
    void should_load_and_start_every_route_in_the_routes_folder() throws Exception {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = ROUTE_ID.matcher(Files.readString(file));
                int before = declared.size();
                while (m.find()) {
                    declared.add(m.group(1));
                }
                assertThat(declared.size()).as("route ids declared in " + file).isGreaterThan(before);
            }
        }
        assertThat(declared).contains("source-drop-folder", "sink-file", "sink-jdbc");

        try (RelayApp app = new RelayApp(tmp).start()) {
            for (String id : declared) {
                assertThat(app.context().getRoute(id)).as(id).isNotNull();
                // routes are started by the supervising route controller, in the background
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        app.context().getRouteController().getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Started));
            }
            assertThat(app.context().getRoutes()).extracting(Route::getRouteId)
                    .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"), "kebab-case route ids")
                    .contains("pipeline-intake", "pipeline-describe", "pipeline-deliver", "provider-local");
        }
    }
}
