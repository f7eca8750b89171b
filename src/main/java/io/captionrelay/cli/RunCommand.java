package io.captionrelay.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run [--batch] [--config FILE]}: the service, or one pass over the inbox. Also what runs without a command. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run CaptionRelay: watch the inbox (and the S3 bucket when enabled) until stopped.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything was described (--batch), or the service stopped normally",
            "1:--batch: some images failed (see <inbox>/.failed)",
            "2:--batch: some images stayed in the inbox without being read",
            "3:--batch: nothing failed, but some images wait for a provider (see <inbox>/.pending)",
            "4:--batch: some images were stuck (in flight past relay.health.stuck-after) and given up",
            "64:wrong command line",
            "78:the configuration is wrong; CaptionRelay did not start"})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        return service.run();
    }
}
