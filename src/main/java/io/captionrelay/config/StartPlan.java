package io.captionrelay.config;

import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a command starts: the one place that decides which parts of CaptionRelay a command uses
 * (docs/command-line.md, "What each command starts").
 * <ul>
 *   <li>the service: everything configured;</li>
 *   <li>{@code --batch}: the same, except the sink routes {@code relay.sinks} does not name (a route filter,
 *       so they are not even created), the management HTTP server and Camel's JMX MBeans, each unless its
 *       key ({@code camel.management.enabled}, {@code camel.main.jmx-enabled}) is set outside application.properties;</li>
 *   <li>{@code describe}: the provider's routes only: no YAML route, no source, pipeline, ledger, sink,
 *       S3 client, management server or JMX; the database only for a paid task (its paid calls and budget caps)
 *       or a quota kept in PostgreSQL.</li>
 * </ul>
 */
public final class StartPlan {

    /** The commands that start Camel. */
    public enum Command { SERVICE, BATCH, DESCRIBE }

    /** What an operator watches a service with, which a run to the end leaves out unless asked for. */
    private static final List<String> WATCHING = List.of("camel.management.enabled", "camel.main.jmx-enabled");

    private final Command command;
    private final Predicate<String> setByUser;

    private StartPlan(Command command, Predicate<String> setByUser) {
        this.command = command;
        this.setByUser = setByUser;
    }

    public static StartPlan service() {
        return new StartPlan(Command.SERVICE, key -> true);
    }

    /** @param setByUser whether a key is set outside application.properties (config file, environment, system property) */
    public static StartPlan batch(Predicate<String> setByUser) {
        return new StartPlan(Command.BATCH, setByUser);
    }

    public static StartPlan describe() {
        return new StartPlan(Command.DESCRIBE, key -> false);
    }

    public Command command() {
        return command;
    }

    /** Camel Main settings the command puts over the configuration. */
    public Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        WATCHING.stream().filter(setByUser.negate()).forEach(key -> overrides.put(key, "false"));
        if (command == Command.DESCRIBE) {
            // no sources and no sinks: a folder that holds no route
            overrides.put("camel.main.routes-include-pattern", "classpath:captionrelay/no-routes/*.camel.yaml");
        }
        return overrides;
    }

    /** Sources, the pipeline, the ledger and the sinks. */
    public boolean pipeline() {
        return command != Command.DESCRIBE;
    }

    /** The database: the pipeline's ledger; for {@code describe}, a paid task's spend records or a shared quota log. */
    public boolean database(Settings settings, List<ProviderTask> tasks) {
        return pipeline() || "postgresql".equals(settings.stringOrEmpty("relay.quota.store").strip())
                || tasks.stream().anyMatch(task -> ProviderCatalog.entry(task.id()).map(ProviderCatalog.Entry::remote).orElse(true));
    }

    /** Whether the route reading {@code direct:sink-<sink>} is created; {@code sink} is null for any other route. */
    public boolean sinkRouteWanted(String sink, List<String> sinks) {
        return sink == null || command != Command.BATCH || sinks.contains(sink);
    }
}
