package io.captionrelay;

import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.pipeline.BatchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Starts CaptionRelay on Camel Main. Without arguments it runs as a service and watches the inbox;
 * {@code --batch} processes what the inbox holds, prints a summary and exits (1 if anything failed).
 */
public final class CaptionRelay {

    private static final String USAGE = """
            Usage: java -jar captionrelay.jar [--batch] [--config FILE]
              --batch        describe what is in the inbox now, print a summary and exit
                             (exit code 0: all done, 1: some images failed, 2: some could not be read)
              --config FILE  a properties file whose keys override application.properties
                             (environment variables override both: relay.inbox.dir -> RELAY_INBOX_DIR)
            """;

    private CaptionRelay() {
    }

    public static void main(String[] args) throws Exception {
        boolean batch = false;
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = true;
                case "--config" -> {
                    if (i + 1 >= args.length || !Files.isReadable(Path.of(args[i + 1]))) {
                        System.err.println("--config needs a readable properties file\n" + USAGE);
                        System.exit(64);
                    }
                    config = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i] + "\n" + USAGE);
                    System.exit(64);
                }
            }
        }
        Main main = create(config, Map.of());
        BatchRun batchRun = batch ? new BatchRun() : null;
        if (batchRun != null) {
            main.addMainListener(batchRun);
        }
        main.run();
        System.exit(batchRun != null ? batchRun.exitCode() : main.getExitCode());
    }

    /**
     * A Camel Main with CaptionRelay's configuration; {@code overrides} win over every other source
     * (tests use them to point at temporary folders).
     */
    public static Main create(Path configFile, Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(RelayConfiguration.class);
        if (configFile != null) {
            main.setDefaultPropertyPlaceholderLocation(
                    "classpath:application.properties;optional=true,file:" + configFile.toAbsolutePath());
        }
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
