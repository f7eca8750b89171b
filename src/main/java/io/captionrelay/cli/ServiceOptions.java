package io.captionrelay.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code [--batch] [--config FILE]}: how the service runs; shared by the top command and {@code run}. */
public final class ServiceOptions {

    @Option(names = "--batch", description = "Describe what is in the inbox now, print a summary and exit with "
            + "the batch's code (other codes may be added for new outcomes: see docs/command-line.md).")
    boolean batch;

    @Mixin
    ConfigFileOption config;

    /** Runs the service (or one batch) and returns its exit code. */
    int run() throws Exception {
        return ServiceRun.run(config.file(), batch);
    }
}
