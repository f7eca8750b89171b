package io.captionrelay.cli;

import picocli.CommandLine.Command;

/** {@code config}: commands about the configuration; it needs a sub-command. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Look at the configuration.", subcommands = ConfigCheckCommand.class)
public final class ConfigCommand {
}
