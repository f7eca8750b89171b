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
                   java -jar captionrelay.jar describe --provider NAME [--config FILE] IMAGE
              --batch        describe what is in the inbox now, print a summary and exit
                             (exit code 0: all done, 1: some images failed, 2: some could not be read)
              --config FILE  a properties file whose keys override application.properties
                             (environment variables override both: relay.inbox.dir -> RELAY_INBOX_DIR)
              describe       try one provider on one image and print the result as JSON (exit code 1 if refused)
            """;

    private CaptionRelay() {
    }

    public static void main(String[] args) throws Exception {
        boolean batch = false;
        boolean describe = args.length > 0 && args[0].equals("describe");
        String provider = null;
        Path image = null;
        Path config = null;
        for (int i = describe ? 1 : 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = true;
                case "--provider" -> provider = i + 1 < args.length ? args[++i] : null;
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
                    if (describe && image == null && !args[i].startsWith("--")) {
                        image = Path.of(args[i]);
                    } else {
                        System.err.println("unknown argument: " + args[i] + "\n" + USAGE);
                        System.exit(64);
                    }
                }
            }
        }
        if (describe) {
            System.exit(DescribeCommand.run(provider, image, config, System.out, System.err));
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
            // listed first, the file's keys win over application.properties; environment variables win over both
            main.setPropertyPlaceholderLocations(
                    "file:" + configFile.toAbsolutePath() + ",classpath:application.properties;optional=true");
        }
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
