package io.captionrelay.provider.imaginepro;

import io.captionrelay.model.Secret;
import io.captionrelay.provider.AmbiguousCalls;
import io.captionrelay.provider.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ImaginePro task's configuration, read once from {@code relay.provider.imaginepro.*} and checked
 * (see {@code docs/providers/imaginepro.md} for every key).
 */
final class ImagineProSettings {

    static final String DEFAULT_BASE_URL = "https://api.imaginepro.ai";
    static final String DEFAULT_POLL_PATH = "/api/v1/message/fetch/{messageId}";
    /** What the provider document asks: poll no faster than every 3 seconds. */
    static final long DOCUMENTED_POLL_INTERVAL_MS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProSettings.class);

    final String id;
    final String provider;
    final URI baseUrl;
    final List<Secret> keys;
    /** Seconds sent as {@code timeout}: how long the provider itself works on the job (10..900). */
    final int timeoutSeconds;
    /** How long after the submit we keep waiting before the job counts as timed out. */
    final Duration waitTimeout;
    final Duration pollInterval;
    final Duration pollMaxInterval;
    final Duration pollerPeriod;
    final String pollPath;
    /** How long the image link handed to the provider stays valid. */
    final Duration urlTtl;
    final int maxConcurrentJobs;
    final int completionThreads;
    final boolean webhookEnabled;
    final String webhookPath;
    /** The full callback URL sent as {@code webhookOverride}, or null when the webhook is off. */
    final String webhookUrl;
    final Duration webhookMinGap;
    /** What follows a submit sent and not answered ({@code on-ambiguous}). */
    final AmbiguousCalls.Choice onAmbiguous;
    /** Times a job that ends FAIL through nobody's fault is submitted again. */
    final int failRetries;

    ImagineProSettings(ProviderSettings settings) {
        this.id = settings.id();
        this.provider = settings.provider();
        this.baseUrl = settings.baseUrl(DEFAULT_BASE_URL);
        this.keys = settings.keys();
        long timeout = settings.longValue("timeout", 900);
        if (timeout < 10 || timeout > 900) {
            throw new IllegalStateException(key("timeout") + " must be between 10 and 900 seconds, not " + timeout);
        }
        this.timeoutSeconds = (int) timeout;
        this.waitTimeout = positive("wait-timeout", settings.millis("wait-timeout", (timeout + 60) * 1000));
        this.pollInterval = positive("poll-interval", settings.millis("poll-interval", DOCUMENTED_POLL_INTERVAL_MS));
        Duration max = positive("poll-max-interval", settings.millis("poll-max-interval", 15_000));
        this.pollMaxInterval = max.compareTo(pollInterval) < 0 ? pollInterval : max;
        this.pollerPeriod = positive("poller-period", settings.millis("poller-period", 1_000));
        this.pollPath = settings.string("poll-path", DEFAULT_POLL_PATH);
        if (!pollPath.startsWith("/") || !pollPath.contains("{messageId}")) {
            throw new IllegalStateException(key("poll-path") + " must start with / and contain {messageId}, not " + pollPath);
        }
        Duration ttl = positive("url-ttl", settings.millis("url-ttl", 3_600_000));
        this.urlTtl = ttl.compareTo(waitTimeout) < 0 ? waitTimeout : ttl;
        this.maxConcurrentJobs = (int) settings.longValue("max-concurrent-jobs", 3);
        if (maxConcurrentJobs < 1) {
            throw new IllegalStateException(key("max-concurrent-jobs") + " must be at least 1, not " + maxConcurrentJobs);
        }
        this.completionThreads = (int) Math.max(1, settings.longValue("completion-threads", 2));
        this.webhookEnabled = settings.bool("webhook-enabled", false);
        this.webhookPath = settings.string("webhook-path", "/hooks/" + id);
        if (!webhookPath.startsWith("/")) {
            throw new IllegalStateException(key("webhook-path") + " must start with /, not " + webhookPath);
        }
        this.webhookMinGap = settings.millis("webhook-min-gap", 1_000);
        this.onAmbiguous = AmbiguousCalls.choice(settings, "park");
        this.failRetries = (int) Math.max(0, settings.longValue("fail-retries", 1));
        if (webhookEnabled) {
            String base = settings.optional("webhook-base-url").orElseThrow(() -> new IllegalStateException(
                    key("webhook-enabled") + "=true needs " + key("webhook-base-url")
                            + ": the public http(s) address at which ImaginePro reaches this app (camel.server.enabled=true)"));
            URI uri = URI.create(base.strip().replaceAll("/+$", ""));
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalStateException(key("webhook-base-url") + " must be an http(s) URL with a host, not " + base);
            }
            this.webhookUrl = uri + webhookPath;
        } else {
            this.webhookUrl = null;
        }
        if (pollInterval.toMillis() < DOCUMENTED_POLL_INTERVAL_MS) {
            LOG.warn("{} is {} ms: ImaginePro asks clients to poll no faster than every {} ms",
                    key("poll-interval"), pollInterval.toMillis(), DOCUMENTED_POLL_INTERVAL_MS);
        }
    }

    String key(String name) {
        return "relay.provider." + id + "." + name;
    }

    private Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key(name) + " must be a positive number of milliseconds, not " + value.toMillis());
        }
        return value;
    }
}
