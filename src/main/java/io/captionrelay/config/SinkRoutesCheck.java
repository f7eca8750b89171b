package io.captionrelay.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * Refuses to start when {@code relay.sinks} names a sink that no route reads ({@code direct:sink-<name>}):
 * a misspelt sink would otherwise fail every image. Runs once the routes of {@code routes/} are loaded,
 * before any is started. A context with no sink route at all delivers nothing and is not checked.
 * It sees every route as Camel's route filter: the sink routes the {@link StartPlan} does not want are left
 * out there (not even created) but still count as available.
 */
final class SinkRoutesCheck implements StartupListener {

    private final List<String> sinks;
    private final StartPlan plan;
    private final Set<String> available = new ConcurrentSkipListSet<>();

    private SinkRoutesCheck(List<String> sinks, StartPlan plan) {
        this.sinks = List.copyOf(sinks);
        this.plan = plan;
    }

    /** The check, and the route filter that keeps only the sink routes {@code plan} wants (kept with any filter set before). */
    static void install(CamelContext context, List<String> sinks, StartPlan plan) throws Exception {
        SinkRoutesCheck check = new SinkRoutesCheck(sinks, plan);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Function<RouteDefinition, Boolean> before = model.getRouteFilter();
        model.setRouteFilter(route -> check.admit(context, route) && (before == null || before.apply(route)));
        context.addStartupListener(check);
    }

    private boolean admit(CamelContext context, RouteDefinition route) {
        String sink = route.getInput() == null ? null : sinkName(context.resolvePropertyPlaceholders(route.getInput().getEndpointUri()));
        if (sink != null) {
            available.add(sink);
        }
        return plan.sinkRouteWanted(sink, sinks);
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        if (available.isEmpty()) {
            return; // no sink routes loaded at all: nothing is ever delivered
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
