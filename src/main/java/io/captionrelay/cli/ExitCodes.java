package io.captionrelay.cli;

/**
 * The process exit codes of the command line (docs/command-line.md). 64 and 78 follow the BSD
 * {@code sysexits.h} convention; batch mode passes on whatever {@code BatchRun} decides (0, 1, 2, ...).
 */
public final class ExitCodes {

    /** Done: everything was described, or the command did what was asked. */
    public static final int OK = 0;
    /** {@code describe}: the provider or the image refused. */
    public static final int REFUSED = 1;
    /** The command line is wrong: an unknown option, a missing argument, a file named on it that cannot be read. */
    public static final int USAGE = 64;
    /** An unexpected error inside CaptionRelay (a bug): the message is printed, the stack trace logged at DEBUG. */
    public static final int SOFTWARE = 70;
    /** The configuration is wrong, or something it names cannot be used: CaptionRelay did not start. */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
