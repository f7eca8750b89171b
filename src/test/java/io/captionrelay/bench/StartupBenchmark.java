package io.captionrelay.bench;

import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * {@code -XX:TieredStopAtLevel=1}; with an AppCDS archive (made once per jar by a training {@code --batch} run with
 * {@code -XX:ArchiveClassesAtExit}, JDK 17's way; JDK 19+ may use {@code -XX:+AutoCreateSharedArchive}); both.
 * Several jars (an older build beside this one) are run in turn, run after run, so that they share the machine's load.
 *
 * <p>Run: {@code mvn -Pbench-start verify} (docs/benchmarks.md), or the class's {@code main} on the test class path.
 * Arguments: runs (default 5), images (default 5), then the jars to compare (default target/'s). A jar's routes are
 * those of the checkout it was built in ({@code <checkout>/target/x.jar} → {@code <checkout>/routes}).
 */
public final class StartupBenchmark {

    private static final List<List<String>> VARIANTS = List.of(
            List.of(), List.of("-XX:TieredStopAtLevel=1"), List.of("cds"), List.of("-XX:TieredStopAtLevel=1", "cds"));

    private StartupBenchmark() {
    }

    /** A jar, the routes it runs with, and its AppCDS archive. */
    private record Jar(Path path, Path routes, Path archive) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> paths = args.length > 2 ? Stream.of(args).skip(2).map(Path::of).toList() : List.of(PackagedJar.jar());
        Path root = Files.createTempDirectory("captionrelay-startup");
        Path pictures = Files.createDirectories(root.resolve("pictures"));
        for (int i = 0; i < images; i++) {
            Path file = Files.write(pictures.resolve("img-" + i + ".jpg"), TestImages.uniqueJpeg(i, 320, 240));
            // older than relay.inbox.min-age, as images waiting in a folder are
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        }
        List<Jar> jars = new ArrayList<>();
        for (Path path : paths) {
            Path routes = path.toAbsolutePath().getParent().getParent().resolve("routes");
            Jar jar = new Jar(path, Files.isDirectory(routes) ? routes : Path.of("routes"), root.resolve("archive-" + jars.size() + ".jsa"));
            Run training = batch(root, jar, List.of("-Xmx512m", "-XX:ArchiveClassesAtExit=" + jar.archive()), pictures);
            System.out.printf("jar %d: %s (routes %s), CDS archive %d MB (training run %.1f s)%n", jars.size() + 1, path,
                    jar.routes(), Files.size(jar.archive()) >> 20, training.end);
            jars.add(jar);
        }
        System.out.printf("%d runs each, %d JPEGs of 320x240 (%d bytes the first), %d cores%n", runs, images,
                Files.size(pictures.resolve("img-0.jpg")), Runtime.getRuntime().availableProcessors());
        System.out.println("| jar | JVM flags | describe: to the result | --batch: to the first image | --batch: to the end | load before / after |");
        System.out.println("|---|---|---|---|---|---|");
        for (List<String> variant : VARIANTS) {
            String before = load();
            List<List<Double>> describe = lists(jars.size());
            List<List<Double>> first = lists(jars.size());
            List<List<Double>> end = lists(jars.size());
            for (int i = 0; i < runs; i++) {
                for (int j = 0; j < jars.size(); j++) {
                    List<String> flags = flags(variant, jars.get(j));
                    describe.get(j).add(describe(root, jars.get(j), flags, pictures.resolve("img-0.jpg")));
                    Run batch = batch(root, jars.get(j), flags, pictures);
                    first.get(j).add(batch.first);
                    end.get(j).add(batch.end);
                }
            }
            String after = load();
            for (int j = 0; j < jars.size(); j++) {
                System.out.printf("| %d | %s | %s | %s | %s | %s / %s |%n", j + 1, String.join(" ", flags(variant, jars.get(j)))
                        .replace(jars.get(j).archive().toString(), "app.jsa"), figure(describe.get(j)), figure(first.get(j)),
                        figure(end.get(j)), before, after);
            }
        }
        System.exit(0);
    }

    private static List<String> flags(List<String> variant, Jar jar) {
        List<String> flags = new ArrayList<>(List.of("-Xmx512m"));
        variant.forEach(flag -> flags.add(flag.equals("cds") ? "-XX:SharedArchiveFile=" + jar.archive() : flag));
        return flags;
    }

    /** Seconds from the start of the process to its end. */
    private static double describe(Path root, Jar jar, List<String> flags, Path image) throws Exception {
        Path work = Files.createTempDirectory(root, "describe");
        PackagedJar.prepareWorkingFolder(work, jar.routes());
        long start = System.nanoTime();
        Process process = PackagedJar.command(work, jar.path(), flags, "describe", "--provider", "local", image.toString())
                .redirectOutput(work.resolve("run.log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0
                || !Files.readString(work.resolve("run.log")).contains("\"imageSha256\"")) {
            process.destroyForcibly();
            throw new IllegalStateException("describe failed; see " + work.resolve("run.log"));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to the first sidecar and to the end of a batch over a copy of {@code pictures}. */
    private static Run batch(Path root, Jar jar, List<String> flags, Path pictures) throws Exception {
        Path work = Files.createTempDirectory(root, "batch");
        PackagedJar.prepareWorkingFolder(work, jar.routes());
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        try (Stream<Path> files = Files.list(pictures)) {
            for (Path picture : files.toList()) {
                Files.copy(picture, inbox.resolve(picture.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path outbox = work.resolve("outbox");
        long start = System.nanoTime();
        Process process = PackagedJar.command(work, jar.path(), flags, "--batch").redirectOutput(work.resolve("run.log").toFile()).start();
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

    private static List<List<Double>> lists(int count) {
        List<List<Double>> lists = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
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
