package io.captionrelay.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The shaded jar in target/, started as a user would start it: from a folder holding routes/. */
public final class PackagedJar {

    private PackagedJar() {
    }

    /** Makes {@code work} a place to run the jar from: a copy of the repository's routes/. */
    public static void prepareWorkingFolder(Path work) throws IOException {
        prepareWorkingFolder(work, Path.of("routes"));
    }

    /** The same with the routes of another checkout (an older build's). */
    public static void prepareWorkingFolder(Path work, Path routesFolder) throws IOException {
        Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> routes = Files.list(routesFolder)) {
            for (Path route : routes.toList()) {
                Files.copy(route, work.resolve("routes").resolve(route.getFileName()));
            }
        }
    }

    /** {@code java -Xmx512m -jar target/captionrelay-….jar args…}, to run in {@code work}. */
    public static ProcessBuilder command(Path work, String... args) throws IOException {
        return commandWithHeap(work, "512m", args);
    }

    /** The same with another heap limit, e.g. {@code "128m"}. */
    public static ProcessBuilder commandWithHeap(Path work, String heap, String... args) throws IOException {
        return command(work, jar(), List.of("-Xmx" + heap), args);
    }

    /** What a finished run printed (standard output and error together) and its exit code. */
    public record Run(int exitCode, String output) {
    }

    /**
     * Starts {@code command} (from {@link #command} or {@link #commandWithHeap}), its output going to a log file in
     * {@code work}, and waits for it to end; a run that outlasts {@code limit} is killed and fails with its output.
     */
    public static Run runToEnd(Path work, ProcessBuilder command, Duration limit) throws IOException, InterruptedException {
        Path log = work.resolve("run-" + System.nanoTime() + ".log");
        Process process = command.redirectOutput(log.toFile()).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the jar did not finish:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** {@code java <jvmOptions…> -jar <jar> args…}, to run in {@code work}: another jar (an older build) or other JVM flags. */
    public static ProcessBuilder command(Path work, Path jar, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("CAMEL_MANAGEMENT_PORT", "0"); // never clash with a CaptionRelay already running here
        return builder;
    }

    /** The shaded jar in target/. */
    public static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("captionrelay-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("original"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn package"));
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
