package io.captionrelay.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * Refuses to start when {@code relay.sinks} names a sink that no route reads ({@code direct:sink-<name>}):
 * a misspelt sink would otherwise fail every image. Runs once the routes of {@code routes/} are loaded,
 * before any is started. A context with no sink route at all (the {@code describe} command) delivers
 * nothing and is not checked.
 */
final class SinkRoutesCheck implements StartupListener {

    private final List<String> sinks;

    SinkRoutesCheck(List<String> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        Set<String> available = new TreeSet<>();
        for (RouteDefinition route : context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()) {
            String sink = sinkName(context.resolvePropertyPlaceholders(route.getInput().getEndpointUri()));
            if (sink != null) {
                available.add(sink);
            }
        }
        if (available.isEmpty()) {
            return; // no sink routes loaded at all (the describe command): nothing is ever delivered
        }
        List<String> missing = sinks.stream().filter(s -> !available.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("relay.sinks names " + missing.stream().map(s -> "'" + s + "'")
                    .collect(Collectors.joining(", ")) + " but no route in routes/ reads direct:sink-" + missing.get(0)
                    + "; sinks available: " + String.join(", ", available));
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // checked before the routes start, in onCamelContextStarting
    }

    /** {@code kafka} for {@code direct:sink-kafka} or {@code direct://sink-kafka?...}; null for other endpoints. */
    static String sinkName(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.toLowerCase(Locale.ROOT);
        if (!u.startsWith("direct:")) {
            return null;
        }
        String name = uri.substring("direct:".length());
        if (name.startsWith("//")) {
            name = name.substring(2);
        }
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        return name.startsWith("sink-") ? name.substring("sink-".length()) : null;
    }
}
