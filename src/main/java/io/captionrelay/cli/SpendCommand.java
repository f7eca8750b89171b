package io.captionrelay.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code spend [--config FILE]}: what the paid calls recorded in the database add up to today and this month
 * (UTC), per task and key fingerprint, and each task's price and budget caps. Starts nothing.
 */
@Command(name = "spend", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the credits spent today and this month (UTC) per task and key fingerprint,",
            "and each configured task's price and budget caps (docs/spend-and-budgets.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "64:wrong command line"})
public final class SpendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFileOption config;

    @Override
    public Integer call() {
        EffectiveConfiguration configuration = EffectiveConfiguration.load(config.file(), System.getenv(), System.getProperties());
        PrintWriter out = spec.commandLine().getOut();
        new SpendReport(configuration, Clock.systemUTC()).lines().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
