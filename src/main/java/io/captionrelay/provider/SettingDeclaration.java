package io.captionrelay.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * One setting a provider reads, {@code relay.provider.<provider>.<key>} (a task may override it under its own
 * id). The declarations are the reference that {@code application.properties}, the provider's page under
 * {@code docs/providers/} and {@code config check} are held to.
 *
 * @param key          the part after {@code relay.provider.<provider>.}, e.g. {@code max-bytes}
 * @param defaultValue the value a fresh installation runs with; empty when there is none
 * @param description  one line: what it changes
 * @param secret       true for keys: never printed, never set in a file under version control
 */
public record SettingDeclaration(String key, String defaultValue, String description, boolean secret) {

    public static SettingDeclaration setting(String key, String defaultValue, String description) {
        return new SettingDeclaration(key, defaultValue, description, false);
    }

    /** A setting without a default: unset unless configured. */
    public static SettingDeclaration optional(String key, String description) {
        return new SettingDeclaration(key, "", description, false);
    }

    /**
     * What every remote provider reads through the shared machinery: its keys, base URL, quota, concurrency
     * and timeouts, with this provider's defaults; {@code more} are its own settings.
     */
    public static List<SettingDeclaration> remote(String baseUrl, String quota, long maxInFlight, long responseTimeoutMs,
                                                  SettingDeclaration... more) {
        List<SettingDeclaration> all = new ArrayList<>(List.of(
                new SettingDeclaration("api-key", "", "the API key; several separated by commas are used in turn", true),
                optional("api-key-file", "a file with one key per line, read when api-key is not set"),
                setting("base-url", baseUrl, "where the API lives"),
                setting("quota", quota, "calls allowed per key and period, e.g. 5/1m,300/1h"),
                setting("max-in-flight", Long.toString(maxInFlight), "calls in flight at once"),
                setting("connect-timeout", "10000", "milliseconds to wait for a connection"),
                setting("response-timeout", Long.toString(responseTimeoutMs), "milliseconds to wait for the answer"),
                setting("apply-orientation", "true", "true turns an EXIF-rotated image upright in its pixels; false sends it as it is"),
                setting("on-ambiguous", "retry", "retry or park: what follows a call sent and not answered (it may have been charged)")));
        for (SettingDeclaration own : more) {
            all.removeIf(shared -> shared.key().equals(own.key())); // a provider may declare a shared key with its own default
            all.add(own);
        }
        return List.copyOf(all);
    }

    /**
     * {@code settings} and what a task's calls cost and may spend: {@code price} (credits per call, as the
     * provider documents it), {@code price-money}, and the caps {@code budget-per-day} and {@code budget-per-month}.
     */
    public static List<SettingDeclaration> withBudget(List<SettingDeclaration> settings, String creditsPerCall) {
        List<SettingDeclaration> all = new ArrayList<>(settings);
        all.addAll(List.of(
                setting("price", creditsPerCall, "credits one call costs, as the provider documents it"),
                optional("price-money", "what one call costs in money, an amount and a currency code: 0.002 USD"),
                optional("budget-per-day", "the most credits the task spends in a UTC day; calls then wait"),
                optional("budget-per-month", "the most credits the task spends in a UTC month; calls then wait")));
        return List.copyOf(all);
    }

    /** The default a provider declares for {@code key}, or {@code fallback} when it declares none. */
    public static String declaredDefault(String provider, String key, String fallback) {
        return ProviderCatalog.plugin(provider).flatMap(plugin -> plugin.settings().stream()
                .filter(s -> s.key().equals(key) && !s.defaultValue().isEmpty()).findFirst())
                .map(SettingDeclaration::defaultValue).orElse(fallback);
    }
}
