package io.captionrelay.config;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/** A Camel Main with CaptionRelay's configuration, as the command line and the tests start it. */
public final class RelayMain {

    private RelayMain() {
    }

    /**
     * A Camel Main with CaptionRelay's configuration; {@code overrides} win over every other source
     * (the {@code describe} command and the tests use them).
     */
    public static Main create(Path configFile, Map<String, String> overrides) {
        return create(configFile, overrides, StartPlan.service());
    }

    /** The same, starting only what {@code plan} says the command uses. */
    public static Main create(Path configFile, Map<String, String> overrides, StartPlan plan) {
        Main main = new Main();
        main.configure().addConfiguration(new RelayConfiguration(plan));
        main.setPropertyPlaceholderLocations(propertyLocations(configFile));
        plan.overrides().forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /** Where the configuration is read from: the {@code --config} file first (its keys win), then application.properties. */
    public static String propertyLocations(Path configFile) {
        String defaults = "classpath:application.properties;optional=true";
        // environment variables win over both
        return configFile == null ? defaults : "file:" + configFile.toAbsolutePath() + "," + defaults;
    }
}
