package io.captionrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private static final Pattern CONFIGURATION_ID = Pattern.compile("(?m)^- routeConfiguration:\\s*\\n\\s+id:\\s*\"?([\\w-]+)\"?");
    /** Routes with a precondition on relay.s3.enabled: not created at all unless the bucket source is configured. */
    private static final Set<String> S3_SOURCE = Set.of("source-s3-bucket", "source-s3-bucket-pending");
    /** The event sources, off unless configured (their own ITs start them: SqsSourceIT, KafkaSourceIT). */
    private static final Set<String> EVENT_SOURCES = Set.of("source-sqs", "source-kafka");

    @TempDir
    Path tmp;

    @Test
    void should_load_and_start_every_route_in_the_routes_folder() throws Exception {
        List<String> declared = declaredRoutes();
        assertThat(declared).contains("source-drop-folder", "sink-file", "sink-jdbc", "sink-s3");
        assertThat(declared).containsAll(S3_SOURCE).containsAll(EVENT_SOURCES);

        try (RelayApp app = new RelayApp(tmp).start()) {
            // off by default: the S3 source's routes (and their endpoints) do not exist, so nothing connects to S3
            for (String id : Stream.concat(S3_SOURCE.stream(), EVENT_SOURCES.stream()).toList()) {
                assertThat(app.context().getRoute(id)).as(id).isNull();
            }
            assertStarted(app, declared.stream().filter(id -> !S3_SOURCE.contains(id) && !EVENT_SOURCES.contains(id)).toList());
            assertThat(app.context().getRoutes()).extracting(Route::getRouteId)
                    .allMatch(id -> id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "kebab-case route ids")
                    .contains("pipeline-intake", "pipeline-describe", "pipeline-deliver", "provider-local");
        }
    }

    @Test
    void should_start_the_s3_source_too_when_it_is_configured() throws Exception {
        List<String> declared = declaredRoutes();
        try (S3Server s3 = S3Server.start("captionrelay");
             RelayApp app = s3.configure(new RelayApp(tmp)).with("relay.s3.enabled", "true").start()) {
            assertStarted(app, declared.stream().filter(id -> !EVENT_SOURCES.contains(id)).toList());
        }
    }

    @Test
    void should_give_every_sink_route_the_sink_errors_configuration_declared_in_the_routes_folder() throws Exception {
        assertThat(CONFIGURATION_ID.matcher(Files.readString(Path.of("routes/sink-errors.camel.yaml"))).results()
                .map(r -> r.group(1)).toList()).containsExactly("sink-errors");
        List<String> sinks = declaredRoutes().stream().filter(id -> id.startsWith("sink-")).toList();
        assertThat(sinks).contains("sink-file", "sink-jdbc", "sink-kafka", "sink-jms", "sink-s3", "sink-xmp-sidecar", "sink-embedded-copy");
        try (RelayApp app = new RelayApp(tmp).start()) {
            for (String id : sinks) {
                // without it a sink would handle its own failures, and the pipeline would never retry it or name it
                assertThat(app.context().getRoute(id).getConfigurationId()).as(id).isEqualTo("sink-errors");
            }
        }
    }

    private static List<String> declaredRoutes() throws Exception {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                String yaml = Files.readString(file);
                Matcher m = ROUTE_ID.matcher(yaml);
                int before = declared.size();
                while (m.find()) {
                    declared.add(m.group(1));
                }
                assertThat(declared.size() > before || CONFIGURATION_ID.matcher(yaml).find())
                        .as("routes or route configurations declared in " + file).isTrue();
            }
        }
        return declared;
    }

    private static void assertStarted(RelayApp app, List<String> ids) {
        for (String id : ids) {
            assertThat(app.context().getRoute(id)).as(id).isNotNull();
            // routes are started by the supervising route controller, in the background
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    app.context().getRouteController().getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Started));
        }
    }
}
