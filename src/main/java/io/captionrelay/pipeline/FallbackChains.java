package io.captionrelay.pipeline;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Fallback chains ({@code relay.fallback.chains}, e.g. {@code imagedescriber>openai>local}; docs/several-providers.md): when
 * a task's provider is stopped (key refused, out of credit: its circuit is open) or its retries ran out (transient,
 * rate-limited), the next task of its chain describes the image instead, and the image completes without waiting.
 * Bad input and refused content do not fall back: the next provider would be asked about the same image in vain
 * or about content the user's first choice refused; nor does a ledger failure (the database, not the provider).
 */
public final class FallbackChains {

    public static final FallbackChains NONE = new FallbackChains(Map.of(), List.of());

    private static final Set<ErrorClass> FALLS_BACK = Set.of(ErrorClass.AUTH, ErrorClass.OUT_OF_CREDIT,
            ErrorClass.TRANSIENT, ErrorClass.RATE_LIMITED);

    private final Map<String, ProviderTask> next;
    private final List<ProviderTask> fallbackTasks;

    private FallbackChains(Map<String, ProviderTask> next, List<ProviderTask> fallbackTasks) {
        this.next = Map.copyOf(next);
        this.fallbackTasks = List.copyOf(fallbackTasks);
    }

    /**
     * @param chains  the setting: chains separated by commas, the tasks of one chain by {@code >}
     * @param primary the tasks of {@code relay.providers}
     * @param tasks   makes the tasks of names (the provider catalog)
     */
    public static FallbackChains parse(String chains, List<ProviderTask> primary, Function<List<String>, List<ProviderTask>> tasks) {
        if (chains == null || chains.isBlank()) {
            return NONE;
        }
        Map<String, String> nextName = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (String chain : chains.split(",")) {
            List<String> steps = new ArrayList<>();
            for (String step : chain.split(">")) {
                if (!step.isBlank()) {
                    steps.add(step.strip());
                }
            }
            if (steps.size() < 2) {
                throw new IllegalArgumentException("relay.fallback.chains: '" + chain.strip() + "' names no fallback; write task>fallback[>fallback]");
            }
            for (int i = 0; i + 1 < steps.size(); i++) {
                String before = nextName.put(steps.get(i), steps.get(i + 1));
                if (before != null && !before.equals(steps.get(i + 1))) {
                    throw new IllegalArgumentException("relay.fallback.chains: " + steps.get(i) + " falls back on both "
                            + before + " and " + steps.get(i + 1));
                }
            }
            names.addAll(steps);
        }
        for (String start : nextName.keySet()) {
            Set<String> seen = new LinkedHashSet<>(List.of(start));
            for (String at = nextName.get(start); at != null; at = nextName.get(at)) {
                if (!seen.add(at)) {
                    throw new IllegalArgumentException("relay.fallback.chains: a chain comes back to " + at + ": " + String.join(">", seen) + ">" + at);
                }
            }
        }
        Map<String, ProviderTask> byName = new HashMap<>();
        primary.forEach(t -> byName.put(t.id(), t));
        List<ProviderTask> extra = tasks.apply(names.stream().filter(n -> !byName.containsKey(n)).toList());
        extra.forEach(t -> byName.put(t.id(), t));
        Map<String, ProviderTask> next = new HashMap<>();
        nextName.forEach((from, to) -> next.put(from, byName.get(to)));
        return new FallbackChains(next, extra);
    }

    /** The tasks that only stand in for others: their routes are built, but they do not run on every image. */
    public List<ProviderTask> fallbackTasks() {
        return fallbackTasks;
    }

    /** The task that describes the image when {@code task} failed with {@code failure}, if any. */
    Optional<ProviderTask> after(ProviderTask task, RelayException failure) {
        // a ledger failure is the database's, not the provider's: another provider would be paid in vain
        if (task == null || failure == null || failure instanceof LedgerFailure || !FALLS_BACK.contains(failure.errorClass())) {
            return Optional.empty();
        }
        return Optional.ofNullable(next.get(task.id()));
    }
}
