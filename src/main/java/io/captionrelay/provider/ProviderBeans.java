package io.captionrelay.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.observe.ProviderPace;
import io.captionrelay.observe.RelayMetrics;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.quota.MemorySendLog;
import io.captionrelay.quota.PostgresSendLog;
import io.captionrelay.quota.QuotaGate;
import io.captionrelay.quota.QuotaGates;
import io.captionrelay.quota.QuotaLimit;
import io.captionrelay.quota.SendLog;
import io.captionrelay.spend.BudgetFile;
import io.captionrelay.spend.PaidCalls;
import io.captionrelay.spend.SpendBook;
import io.captionrelay.spend.TaskBudget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The provider side of the wiring: for every task in {@code relay.providers}, its quota gate, its camel-http
 * component (remote tasks) and the routes its {@link ProviderPlugin} builds; per remote provider a health
 * check and a circuit gauge; the pace shown in the progress line (with a line also while calls wait for quota). {@code relay.quota.store}
 * picks where the gates log their send times: {@code memory} (this instance) or {@code postgresql} (shared). Reads {@code relay.retry.*},
 * {@code relay.quota.*}, {@code relay.spend.budget-file} and each task's {@code relay.provider.*} settings; each remote task
 * gets its budget ({@link TaskBudgets}).
 */
public final class ProviderBeans {

    /** Registry name of the {@link QuotaGates} (YAML routes use it). */
    public static final String QUOTA_GATES = "quotaGates";

    /** Registry name of the {@link SpendBook}. */
    public static final String SPEND_BOOK = "spendBook";

    /** What the provider routes share with the rest of the application. */
    public record Shared(ImagePreparation preparation, ImageUrlSource urls, ProviderCircuits circuits,
                         DataSource dataSource, ObjectMapper mapper, RelayMetrics metrics,
                         java.util.function.BiConsumer<java.util.function.Supplier<String>, java.util.function.BooleanSupplier> showPace) {
    }

    private final CamelContext context;
    private final Function<String, Optional<String>> setting;

    private ProviderBeans(CamelContext context, Function<String, Optional<String>> setting) {
        this.context = context;
        this.setting = setting;
    }

    /** Adds the routes and beans of {@code tasks}. */
    public static void register(CamelContext context, Function<String, Optional<String>> setting, List<ProviderTask> tasks,
                                Shared shared) throws Exception {
        new ProviderBeans(context, setting).register(tasks, shared);
    }

    private void register(List<ProviderTask> tasks, Shared shared) throws Exception {
        RetryPolicy retry = new RetryPolicy(intValue("relay.retry.transient.max-retries"),
                longValue("relay.retry.transient.initial-delay"), longValue("relay.retry.transient.max-delay"),
                intValue("relay.retry.rate-limited.max-retries"), longValue("relay.retry.rate-limited.delay"));
        SendLog sendLog = switch (required("relay.quota.store")) {
            case "memory" -> new MemorySendLog();
            case "postgresql" -> new PostgresSendLog(shared.dataSource());
            default -> throw new IllegalStateException("relay.quota.store is memory or postgresql");
        };
        ScheduledExecutorService quotaScheduler = context.getExecutorServiceManager().newScheduledThreadPool(this, "quota", 1);
        ExecutorService quotaGranted = context.getExecutorServiceManager().newCachedThreadPool(this, "quota-granted");
        Duration margin = Duration.ofMillis(longValue("relay.quota.margin"));
        QuotaGates gates = new QuotaGates();
        context.getRegistry().bind(QUOTA_GATES, gates);
        Map<String, List<QuotaGate>> gatesByProvider = new LinkedHashMap<>();
        // paid calls are recorded in the database; without one (describe with a free task) there is nothing to pay
        SpendBook spend = shared.dataSource() == null ? null : new SpendBook(new PaidCalls(shared.dataSource()),
                setting.apply("relay.spend.budget-file").map(String::strip).filter(f -> !f.isEmpty()).map(f -> new BudgetFile(Path.of(f))),
                Clock.systemUTC(), shared.metrics());
        if (spend != null) {
            context.getRegistry().bind(SPEND_BOOK, spend);
        }
        for (ProviderTask task : tasks) {
            ProviderCatalog.Entry entry = ProviderCatalog.entry(task.id()).orElseThrow();
            ProviderSettings settings = new ProviderSettings(task.id(), task.provider(), setting);
            QuotaGate gate = new QuotaGate(task.id(), quotaLimits(settings), margin, settings.keys(),
                    (int) settings.longValue("max-in-flight", 4), sendLog, quotaScheduler, quotaGranted);
            gates.add(gate);
            if (entry.remote()) {
                context.addComponent(HttpProviderRoutes.componentName(task.id()), httpComponent(settings));
                gatesByProvider.computeIfAbsent(task.provider(), p -> new ArrayList<>()).add(gate);
            }
            ImagePreparation preparation = shared.preparation().sending(
                    ProviderCatalog.plugin(task.provider()).orElseThrow().stillImagesOnly(), settings.bool("apply-orientation", true));
            context.addRoutes(entry.routes().apply(new ProviderContext(settings, preparation, shared.urls(),
                    shared.circuits(), retry, gate, shared.dataSource(), shared.mapper(), shared.metrics(),
                    entry.remote() ? TaskBudgets.of(Objects.requireNonNull(spend, "a paid task needs the database"), settings)
                            : TaskBudget.unrecorded(task.id()))));
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        gatesByProvider.forEach((provider, providerGates) -> {
            shared.metrics().circuitGauge(provider, () -> shared.circuits().isOpen(provider));
            if (health != null) {
                health.register(new ProviderHealthCheck(provider, shared.circuits(), providerGates));
            }
        });
        ProviderPace pace = new ProviderPace(gates.all());
        shared.showPace().accept(pace, pace::anyWaitingForQuota);
    }

    /** The task's quota; a malformed one stops start-up with the key that holds it. */
    private static List<QuotaLimit> quotaLimits(ProviderSettings settings) {
        try {
            return QuotaLimit.parseAll(settings.string("quota", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relay.provider." + settings.id() + ".quota: " + e.getMessage(), e);
        }
    }

    /** One camel-http component per remote task: its own timeouts, and no hidden retries. */
    private static HttpComponent httpComponent(ProviderSettings settings) {
        HttpComponent http = new HttpComponent();
        http.setAutomaticRetriesDisabled(true);
        // unset keys take the provider's declared defaults (from its documented latency)
        long responseTimeout = settings.longValue("response-timeout",
                Long.parseLong(SettingDeclaration.declaredDefault(settings.provider(), "response-timeout", "60000")));
        http.setConnectTimeout(settings.longValue("connect-timeout", 10_000));
        http.setResponseTimeout(responseTimeout);
        http.setSoTimeout(responseTimeout);
        // a connection for every call in flight (camel-http's defaults: 20 per route, 200 in all)
        int inFlight = (int) settings.longValue("max-in-flight", 4);
        http.setConnectionsPerRoute(Math.max(20, inFlight));
        http.setMaxTotalConnections(Math.max(200, inFlight));
        return SentOnTheWire.install(http);
    }

    private String required(String key) {
        return setting.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "missing configuration key '" + key + "' (see application.properties)"));
    }

    private long longValue(String key) {
        String value = required(key).replace("_", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration key '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    private int intValue(String key) {
        return Math.toIntExact(longValue(key));
    }
}
