package io.captionrelay.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code config check [--config FILE]}: prints the effective configuration, secrets masked, and every
 * {@code relay.*} name found in the config file, the environment or the system properties that nothing
 * reads, with the known key closest to it; then the spend so far and the budget caps ({@link SpendReport}).
 * Starts nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the effective configuration (secrets as ****) and where each value comes from,",
            "then every unknown relay.* key with the nearest known one."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no unknown key", "64:wrong command line", "78:unknown relay.* keys were found"})
public final class ConfigCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFileOption config;

    private final Map<String, String> environment;
    private final Properties system;

    public ConfigCheckCommand() {
        this(System.getenv(), System.getProperties());
    }

    /** With the environment and system properties to look for unknown names in (tests pass their own). */
    ConfigCheckCommand(Map<String, String> environment, Properties system) {
        this.environment = environment;
        this.system = system;
    }

    @Override
    public Integer call() {
        KnownKeys known = KnownKeys.load();
        EffectiveConfiguration configuration = EffectiveConfiguration.load(config.file(), environment, system);
        PrintWriter out = spec.commandLine().getOut();
        out.println("# effective configuration: application.properties"
                + (config.file() != null ? " < " + config.file() : "") + " < system properties < environment");
        for (EffectiveConfiguration.Entry entry : configuration.entries(known)) {
            out.println(entry.key() + " = " + entry.value() + (entry.source().isEmpty() ? "" : "    # " + entry.source()));
        }
        new SpendReport(configuration, java.time.Clock.systemUTC()).lines().forEach(out::println);
        List<EffectiveConfiguration.UnknownKey> unknown = configuration.unknownKeys(known);
        PrintWriter err = spec.commandLine().getErr();
        unknown.forEach(u -> err.println(u.sentence()));
        err.flush();
        out.flush();
        return unknown.isEmpty() ? ExitCodes.OK : ExitCodes.CONFIG;
    }
}
