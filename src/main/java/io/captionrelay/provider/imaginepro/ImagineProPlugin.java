package io.captionrelay.provider.imaginepro;

import static io.captionrelay.provider.SettingDeclaration.optional;
import static io.captionrelay.provider.SettingDeclaration.setting;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderPlugin;
import io.captionrelay.provider.SettingDeclaration;
import java.util.List;

/** ImaginePro describe: one asynchronous task (submit, then poll or webhook). */
public final class ImagineProPlugin implements ProviderPlugin {

    @Override
    public String name() {
        return "imaginepro";
    }

    @Override
    public List<ProviderCatalog.Entry> tasks() {
        return List.of(new ProviderCatalog.Entry("imaginepro", name(), "describe", true, ImagineProRoutes::new));
    }

    @Override
    public List<SettingDeclaration> settings() {
        return SettingDeclaration.withBudget(SettingDeclaration.remote(ImagineProSettings.DEFAULT_BASE_URL, "10/1m", 4, 30_000,
                setting("timeout", "900", "seconds, 10..900, ImaginePro itself works on a job"),
                optional("wait-timeout", "milliseconds CaptionRelay waits for a job; (timeout + 60) x 1000 when unset"),
                setting("poll-interval", Long.toString(ImagineProSettings.DOCUMENTED_POLL_INTERVAL_MS), "first wait between two fetches of a job"),
                setting("poll-max-interval", "15000", "the longest wait between two fetches"),
                setting("poll-path", ImagineProSettings.DEFAULT_POLL_PATH, "the progress path; must contain {messageId}"),
                setting("poller-period", "1000", "how often the poller looks for due jobs"),
                setting("max-concurrent-jobs", "3", "jobs running at ImaginePro at once"),
                setting("completion-threads", "2", "threads that finish jobs"),
                setting("url-ttl", "3600000", "milliseconds an image link stays valid"),
                setting("max-bytes", "1000000", "largest image sent, in bytes"),
                setting("keep-gps", "false", "true sends the image's GPS location"),
                setting("webhook-enabled", "false", "true: ImaginePro calls back when a job ends"),
                optional("webhook-base-url", "the public address ImaginePro calls back (webhook-enabled=true)"),
                setting("webhook-path", "/hooks/imaginepro", "the path of the webhook route"),
                setting("webhook-min-gap", "1000", "milliseconds between two webhook-triggered fetches of a job"),
                setting("on-ambiguous", "park", "park or retry: what follows a submit sent and not answered (it may have been accepted)"),
                setting("fail-retries", "1", "times a job that ends FAIL (not for its content, key or credit) is submitted again")), "1");
    }
}
