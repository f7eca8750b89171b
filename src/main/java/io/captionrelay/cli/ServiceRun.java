package io.captionrelay.cli;

import io.captionrelay.config.RelayMain;
import io.captionrelay.config.StartPlan;
import io.captionrelay.pipeline.BatchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/** Runs CaptionRelay on Camel Main: as a service until stopped, or once over the inbox ({@code --batch}). */
final class ServiceRun {

    private ServiceRun() {
    }

    /** @return the exit code: Camel Main's for the service, {@link BatchRun#exitCode()} for a batch */
    static int run(Path configFile, boolean batch) throws Exception {
        EffectiveConfiguration configuration = EffectiveConfiguration.load(configFile, System.getenv(), System.getProperties());
        checkInbox(configuration);
        // --batch leaves out what it does not use (StartPlan); the management server and JMX only when asked for
        StartPlan plan = batch ? StartPlan.batch(configuration::setOutsideDefaults) : StartPlan.service();
        Main main = RelayMain.create(configFile, Map.of(), plan);
        BatchRun batchRun = batch ? new BatchRun() : null;
        QuietStart quiet = batch ? QuietStart.of("batch") : null;
        if (batchRun != null) {
            main.addMainListener(quiet);
            main.addMainListener(batchRun);
        }
        try {
            main.run();
        } catch (Exception e) {
            stopQuietly(main);
            throw ConfigurationProblem.of(e);
        } finally {
            if (quiet != null) {
                quiet.close();
            }
        }
        return batchRun != null ? batchRun.exitCode() : main.getExitCode();
    }

    /** An inbox that exists but is not a readable folder stops start-up (a missing one is created by the file consumer). */
    private static void checkInbox(EffectiveConfiguration configuration) {
        configuration.value("relay.inbox.dir").map(Path::of).ifPresent(inbox -> {
            if (Files.exists(inbox) && !(Files.isDirectory(inbox) && Files.isReadable(inbox) && Files.isExecutable(inbox))) {
                throw new ConfigurationProblem("relay.inbox.dir (" + inbox.toAbsolutePath() + ") is not a readable folder");
            }
        });
    }

    static void stopQuietly(Main main) {
        try {
            main.stop();
        } catch (Exception ignored) {
            // start-up already failed; that failure is the one reported
        }
    }
}
