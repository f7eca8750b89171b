package io.captionrelay.provider.memories;

import static io.captionrelay.provider.SettingDeclaration.setting;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderPlugin;
import io.captionrelay.provider.SettingDeclaration;
import java.util.List;

/** memories.ai Image Caption: one synchronous task. */
public final class MemoriesPlugin implements ProviderPlugin {

    @Override
    public String name() {
        return MemoriesAdapter.PROVIDER;
    }

    @Override
    public List<ProviderCatalog.Entry> tasks() {
        return List.of(ProviderCatalog.Entry.http("memories", name(), "uploadImg", MemoriesAdapter::new));
    }

    @Override
    public List<SettingDeclaration> settings() {
        return SettingDeclaration.withBudget(SettingDeclaration.remote("https://security.memories.ai", "10/1m", 2, 120_000,
                setting("image-form", "file", "file: the image in the request (multipart); url: a link memories.ai fetches"),
                setting("prompt", MemoriesAdapter.DEFAULT_PROMPT, "sent as user_prompt"),
                setting("system-prompt", MemoriesAdapter.DEFAULT_SYSTEM_PROMPT, "sent as system_prompt"),
                setting("thinking", "false", "true asks for reasoning mode"),
                setting("max-bytes", Long.toString(MemoriesAdapter.DEFAULT_MAX_BYTES), "largest file sent, in bytes"),
                setting("keep-gps", "false", "true sends the image's GPS location"),
                setting("url-ttl", "3600000", "milliseconds an image link stays valid (image-form=url)")), "1");
    }
}
