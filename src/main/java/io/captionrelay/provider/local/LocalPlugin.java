package io.captionrelay.provider.local;

import static io.captionrelay.provider.SettingDeclaration.setting;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderPlugin;
import io.captionrelay.provider.SettingDeclaration;
import java.util.List;

/** The offline {@code local} provider: one task, no key, no network. */
public final class LocalPlugin implements ProviderPlugin {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<ProviderCatalog.Entry> tasks() {
        return List.of(new ProviderCatalog.Entry("local", "local", "describe", false, context -> new LocalProviderRoute(
                new LocalImageAnalyser((int) context.settings().longValue("sample-edge", 256)), context.preparation())));
    }

    @Override
    public List<SettingDeclaration> settings() {
        return List.of(
                setting("sample-edge", "256", "longest edge, in pixels, images are sampled down to for colour and brightness"),
                setting("language", "en", "the language recorded with the result (the text is English)"));
    }
}
