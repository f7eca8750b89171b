package io.captionrelay.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sh -c script} for what Java cannot do on its own: named pipes, and file names whose
 * bytes are not valid UTF-8 (printf writes the bytes). Arguments are passed as {@code $1}, {@code $2} …
 */
public final class Shell {

    private Shell() {
    }

    public static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sh -c " + script + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("sh -c " + script + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
