package io.captionrelay.provider.apiverve;

import static io.captionrelay.provider.SettingDeclaration.setting;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderPlugin;
import io.captionrelay.provider.SettingDeclaration;
import java.util.List;

/** APIVerve Image Caption: one synchronous task. */
public final class ApiVervePlugin implements ProviderPlugin {

    @Override
    public String name() {
        return ApiVerveAdapter.PROVIDER;
    }

    @Override
    public List<ProviderCatalog.Entry> tasks() {
        return List.of(ProviderCatalog.Entry.http("apiverve", name(), "imagecaption", ApiVerveAdapter::new));
    }

    @Override
    public List<SettingDeclaration> settings() {
        return SettingDeclaration.withBudget(SettingDeclaration.remote("https://api.apiverve.com", "10/1m", 4, 30_000,
                setting("max-bytes", Long.toString(ApiVerveAdapter.DOCUMENTED_MAX_BYTES), "largest file sent, in bytes"),
                setting("keep-gps", "false", "true sends the image's GPS location")), "10");
    }
}
