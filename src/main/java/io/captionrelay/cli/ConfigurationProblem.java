package io.captionrelay.cli;

import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * Start-up failed because of the configuration or something it names (a sink with no route, an unknown
 * provider, a bad quota, an unreachable database, an inbox that is not a folder). Carries one sentence
 * for the terminal; the command line prints it and exits with {@link ExitCodes#CONFIG}.
 */
public final class ConfigurationProblem extends RuntimeException {

    public ConfigurationProblem(String sentence) {
        super(sentence);
    }

    private ConfigurationProblem(String sentence, Throwable cause) {
        super(sentence, cause);
    }

    /** The problem behind a failed start: Camel's wrappers are skipped to reach the exception that says what is wrong. */
    public static ConfigurationProblem of(Throwable failure) {
        if (failure instanceof ConfigurationProblem problem) {
            return problem;
        }
        Throwable reason = failure;
        while (reason.getCause() != null && reason != reason.getCause()
                && (reason.getClass().getName().startsWith("org.apache.camel.") || reason.getMessage() == null)) {
            reason = reason.getCause();
        }
        return new ConfigurationProblem(oneLine(reason), failure);
    }

    private static String oneLine(Throwable reason) {
        String message = Optional.ofNullable(reason.getMessage()).orElse("");
        if (reason instanceof FileSystemException || message.isBlank()) {
            // NoSuchFileException and friends say only the path
            message = reason.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
