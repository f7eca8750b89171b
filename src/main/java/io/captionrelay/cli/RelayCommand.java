package io.captionrelay.cli;

import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code java -jar captionrelay.jar [COMMAND]}: without a command it runs the service ({@code run}), so
 * {@code --batch} and {@code --config} work on their own as they always have.
 */
@Command(name = "captionrelay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Turns images into descriptions, titles and tags. Without a command: run (the service).",
        subcommands = {RunCommand.class, DescribeCommand.class, ConfigCommand.class, SpendCommand.class},
        exitCodeListHeading = "%nExit codes (docs/command-line.md):%n",
        exitCodeList = {
            "0:done",
            "1:--batch: some images failed; describe: refused",
            "2:--batch: some images stayed unread",
            "3:--batch: nothing failed, but some images wait for a provider",
            "4:--batch: some images were stuck and given up",
            "64:wrong command line",
            "70:unexpected error (a bug)",
            "78:the configuration is wrong; nothing started"})
public final class RelayCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        return service.run();
    }

    /** The command line with CaptionRelay's exit codes and one-sentence errors. */
    public static CommandLine commandLine() {
        return new CommandLine(new RelayCommand())
                .setParameterExceptionHandler(RelayCommand::usageError)
                .setExecutionExceptionHandler(RelayCommand::failure);
    }

    /** One sentence and where to find help, instead of the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigurationProblem problem) {
            command.getErr().println("CaptionRelay did not start: " + problem.getMessage());
            return ExitCodes.CONFIG;
        }
        LoggerFactory.getLogger(RelayCommand.class).debug("unexpected error", e);
        command.getErr().println("CaptionRelay failed unexpectedly: " + ConfigurationProblem.of(e).getMessage());
        return ExitCodes.SOFTWARE;
    }
}
