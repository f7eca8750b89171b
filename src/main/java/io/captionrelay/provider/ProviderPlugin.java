package io.captionrelay.provider;

import java.util.List;

/**
 * One provider, as it plugs in: its tasks (the names {@code relay.providers} takes) and every setting it
 * reads. Each provider package has one, listed in {@code META-INF/services/io.captionrelay.provider.ProviderPlugin};
 * {@link ProviderCatalog} finds them with {@link java.util.ServiceLoader}, so adding a provider touches no
 * central list.
 */
public interface ProviderPlugin {

    /** The provider's name: the {@code <provider>} of {@code relay.provider.<provider>.*}. */
    String name();

    /** Its tasks; each serves {@code direct:provider-<task id>}. */
    List<ProviderCatalog.Entry> tasks();

    /** Every setting it reads, with its default; the page {@code docs/providers/<name>.md} documents them. */
    List<SettingDeclaration> settings();

    /**
     * True (the default) when the provider describes still images only: an animated GIF is sent as its first
     * frame. A provider that reads animations says false.
     */
    default boolean stillImagesOnly() {
        return true;
    }
}
