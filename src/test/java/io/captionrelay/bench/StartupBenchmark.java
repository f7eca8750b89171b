package io.captionrelay.bench;

import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Time to the first image with the packaged jar, started as a user starts it (a fresh working folder with routes/
 * and a fresh database every run): {@code describe --provider local} on one small JPEG, to the process's end (the
 * result is printed last); {@code --batch} on a handful of small JPEGs (local provider, sinks file + jdbc), to the
 * first JSON sidecar in the outbox and to the process's end. Each JVM variant runs {@code runs} times per command:
 * median and range, with the load average before and after. Variants: {@code -Xmx512m} alone; with
 * {@code -XX:TieredStopAtLevel=1}; with an AppCDS archive (made once by a training {@code --batch} run with
 * {@code -XX:ArchiveClassesAtExit}, JDK 17's way; JDK 19+ could use {@code -XX:+AutoCreateSharedArchive}); both.
 *
 * <p>Run: {@code mvn -Pbench-start verify} (docs/benchmarks.md), or the class's {@code main} on the test class path.
 * Arguments: runs (default 5), images (default 5), and a jar to measure instead of target/'s (an older build).
 */
public final class StartupBenchmark {

    private static final List<List<String>> VARIANTS = List.of(
            List.of(), List.of("-XX:TieredStopAtLevel=1"), List.of("cds"), List.of("-XX:TieredStopAtLevel=1", "cds"));

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = args.length > 2 ? Path.of(args[2]) : PackagedJar.jar();
        Path root = Files.createTempDirectory("captionrelay-startup");
        Path pictures = Files.createDirectories(root.resolve("pictures"));
        for (int i = 0; i < images; i++) {
            Path file = Files.write(pictures.resolve("img-" + i + ".jpg"), TestImages.uniqueJpeg(i, 320, 240));
            // older than relay.inbox.min-age, as images waiting in a folder are
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        }
        Path archive = root.resolve("captionrelay.jsa");
        Run training = batch(root, jar, List.of("-Xmx512m", "-XX:ArchiveClassesAtExit=" + archive), pictures);
        System.out.printf("jar %s, %d runs, %d images of 320x240 (about %d KB each); CDS archive %d MB (training run %.1f s)%n",
                jar, runs, images, Files.size(pictures.resolve("img-0.jpg")) / 1024, Files.size(archive) >> 20, training.end);
        System.out.println("| JVM flags | describe: to the result | --batch: to the first image | --batch: to the end | load before / after |");
        System.out.println("|---|---|---|---|---|");
        for (List<String> variant : VARIANTS) {
            List<String> flags = new ArrayList<>(List.of("-Xmx512m"));
            variant.forEach(flag -> flags.add(flag.equals("cds") ? "-XX:SharedArchiveFile=" + archive : flag));
            String before = load();
            List<Double> describe = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            List<Double> end = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                describe.add(describe(root, jar, flags, pictures.resolve("img-0.jpg")));
                Run batch = batch(root, jar, flags, pictures);
                first.add(batch.first);
                end.add(batch.end);
            }
            System.out.printf("| %s | %s | %s | %s | %s / %s |%n", String.join(" ", flags).replace(archive.toString(), "captionrelay.jsa"),
                    figure(describe), figure(first), figure(end), before, load());
        }
        System.exit(0);
    }

    /** Seconds from the start of the process to its end. */
    private static double describe(Path root, Path jar, List<String> flags, Path image) throws Exception {
        Path work = Files.createTempDirectory(root, "describe");
        PackagedJar.prepareWorkingFolder(work);
        long start = System.nanoTime();
        Process process = PackagedJar.command(work, jar, flags, "describe", "--provider", "local", image.toString())
                .redirectOutput(work.resolve("run.log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0
                || !Files.readString(work.resolve("run.log")).contains("\"imageSha256\"")) {
            process.destroyForcibly();
            throw new IllegalStateException("describe failed; see " + work.resolve("run.log"));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to the first sidecar and to the end of a batch over a copy of {@code pictures}. */
    private static Run batch(Path root, Path jar, List<String> flags, Path pictures) throws Exception {
        Path work = Files.createTempDirectory(root, "batch");
        PackagedJar.prepareWorkingFolder(work);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        try (Stream<Path> files = Files.list(pictures)) {
            for (Path picture : files.toList()) {
                Files.copy(picture, inbox.resolve(picture.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path outbox = work.resolve("outbox");
        long start = System.nanoTime();
        Process process = PackagedJar.command(work, jar, flags, "--batch").redirectOutput(work.resolve("run.log").toFile()).start();
        double first = Double.NaN;
        while (process.isAlive() && Double.isNaN(first)) {
            if (anySidecar(outbox)) {
                first = (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(10); // a look every 10 ms: the figure is at most that late, and the look costs the run nothing
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the batch failed; see " + work.resolve("run.log"));
        }
        double end = (System.nanoTime() - start) / 1e9;
        return new Run(Double.isNaN(first) ? end : first, end);
    }

    private record Run(double first, double end) {
    }

    private static boolean anySidecar(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return false;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".local.json"));
        }
    }

    /** {@code 4.41 s (4.20–4.90)}: the median and the range. */
    private static String figure(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        return String.format("%.2f s (%.2f–%.2f)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
