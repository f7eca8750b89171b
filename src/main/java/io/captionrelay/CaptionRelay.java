package io.captionrelay;

import io.captionrelay.cli.RelayCommand;
import io.captionrelay.config.RelayConfiguration;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Starts CaptionRelay: the command line ({@code run}, {@code --batch}, {@code describe}, {@code config check};
 * package {@code cli}, docs/command-line.md) on Camel Main.
 */
public final class CaptionRelay {

    private CaptionRelay() {
    }

    public static void main(String[] args) {
        System.exit(RelayCommand.commandLine().execute(args));
    }

    /**
     * A Camel Main with CaptionRelay's configuration; {@code overrides} win over every other source
     * (tests use them to point at temporary folders).
     */
    public static Main create(Path configFile, Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(RelayConfiguration.class);
        main.setPropertyPlaceholderLocations(propertyLocations(configFile));
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
