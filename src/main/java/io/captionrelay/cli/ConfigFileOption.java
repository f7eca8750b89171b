package io.captionrelay.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --config FILE}, shared by the commands that read the configuration. */
public final class ConfigFileOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private Path file;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file whose keys override application.properties; environment variables "
                    + "(relay.inbox.dir -> RELAY_INBOX_DIR) override both.")
    void file(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ParameterException(command.commandLine(),
                    "--config " + file + ": no readable properties file there");
        }
        this.file = file;
    }

    /** The file, or null when none was given. */
    public Path file() {
        return file;
    }
}
