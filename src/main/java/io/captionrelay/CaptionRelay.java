package io.captionrelay;

import io.captionrelay.cli.RelayCommand;
import io.captionrelay.config.RelayMain;
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

    /** A Camel Main with CaptionRelay's configuration; {@code overrides} win over every other source (tests). */
    public static Main create(Path configFile, Map<String, String> overrides) {
        return RelayMain.create(configFile, overrides);
    }
}
