package io.captionrelay.provider.imagedescriber;

import static io.captionrelay.provider.SettingDeclaration.optional;
import static io.captionrelay.provider.SettingDeclaration.setting;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderPlugin;
import io.captionrelay.provider.SettingDeclaration;
import java.util.List;

/** imagedescriber.app: two tasks on one key, {@code imagedescriber} (content) and {@code imagedescriber-tags}. */
public final class ImageDescriberPlugin implements ProviderPlugin {

    @Override
    public String name() {
        return "imagedescriber";
    }

    @Override
    public List<ProviderCatalog.Entry> tasks() {
        return List.of(
                ProviderCatalog.Entry.http("imagedescriber", name(), ImageDescriberContentAdapter.OPERATION,
                        ImageDescriberContentAdapter::new),
                ProviderCatalog.Entry.http("imagedescriber-tags", name(), ImageDescriberTagsAdapter.OPERATION,
                        ImageDescriberTagsAdapter::new).withoutPrompt());
    }

    @Override
    public List<SettingDeclaration> settings() {
        return SettingDeclaration.withBudget(SettingDeclaration.remote("https://api.imagedescriber.app", "5/1m,300/1h", 2, 60_000,
                setting("language", ImageDescriberOptions.DEFAULT_LANGUAGE, "the lang sent: en zh fr de es ja ko"),
                optional("prompt", "the question sent with the image (content only)"),
                setting("image-form", "data-uri", "data-uri: the image in the request; url: a link the provider fetches"),
                setting("url-ttl", "3600000", "milliseconds an image link stays valid (image-form=url)"),
                setting("keep-gps", "false", "true sends the image's GPS location"),
                setting("max-bytes", Long.toString(ImageDescriberOptions.DEFAULT_MAX_BYTES), "largest image sent, in bytes")), "1");
    }
}
