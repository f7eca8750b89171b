package io.captionrelay.bench;

import io.captionrelay.observe.HeapPeak;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory at any batch size: the drop folder with the {@code local} provider and the default sinks (file + JDBC on
 * the embedded H2), in its own JVM under {@code -Xmx512m}, for 1,000, 10,000 and 100,000 images. Mostly tiny
 * images so that the run stays within minutes: 99 of every 100 are unique 48x36 JPEGs (about 1 KB), one is a
 * 1024x768 picture (about 60 KB), in folders of 1,000. Prints images/s, the peak heap (most held before a
 * collection), the live heap after a forced collection at the end, and the slope per 1,000 images.
 *
 * <p>Run: {@code mvn -Pbench-scale verify} (see docs/benchmarks.md); the class's {@code main} with no argument runs
 * the three sizes, each in a child JVM; with a count, that one size in this JVM.
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && !args[0].equals("all")) {
            runOne(Integer.parseInt(args[0]));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        int[] sizes = args.length > 1 ? java.util.Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        for (int size : sizes) {
            System.out.printf("load average before %d: %s", size, Files.readString(Path.of("/proc/loadavg")));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Dbench.h2.write-delay=" + System.getProperty("bench.h2.write-delay", "0"), "-cp", System.getProperty("java.class.path"), ScaleBenchmark.class.getName(), Integer.toString(size))
                    .redirectErrorStream(true).start();
            String last = null;
            try (var lines = child.inputReader().lines()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("RESULT ")) {
                        last = line;
                        System.out.println(line);
                    } else if (line.startsWith("[bench]")) {
                        System.out.println(line);
                    }
                }
            }
            if (!child.waitFor(60, TimeUnit.MINUTES) || child.exitValue() != 0 || last == null) {
                throw new IllegalStateException("the run of " + size + " images failed");
            }
            rows.add(last.substring("RESULT ".length()).split(" "));
        }
        System.out.println("---- CaptionRelay scale benchmark (local provider, file + jdbc, -Xmx512m) ----");
        System.out.println("images | seconds | images/s | peak heap MB | live heap after GC MB");
        for (String[] row : rows) {
            System.out.printf("%s | %s | %s | %s | %s%n", (Object[]) row);
        }
        if (rows.size() > 1) {
            double firstImages = Double.parseDouble(rows.get(0)[0]);
            double lastImages = Double.parseDouble(rows.get(rows.size() - 1)[0]);
            double firstLive = Double.parseDouble(rows.get(0)[4]);
            double lastLive = Double.parseDouble(rows.get(rows.size() - 1)[4]);
            System.out.printf("live heap slope: %.3f MB per 1,000 images; last vs first: %+.1f%%%n",
                    (lastLive - firstLive) / ((lastImages - firstImages) / 1000), (lastLive / firstLive - 1) * 100);
        }
    }

    private static void runOne(int count) throws Exception {
        HeapPeak heap = new HeapPeak();
        Path work = Files.createTempDirectory("captionrelay-scale");
        RelayApp app = new RelayApp(work).with("relay.progress.interval", "10000");
        String writeDelay = System.getProperty("bench.h2.write-delay");
        if (writeDelay != null) { // H2 then acknowledges commits before writing them: faster, not kill-safe (a quicker look only)
            app.with("relay.db.url", "jdbc:h2:file:" + work.resolve("data/captionrelay").toAbsolutePath() + ";WRITE_DELAY=" + writeDelay);
        }
        generate(app.inbox, count);
        System.out.printf("[bench] %d images generated in %s%n", count, work);
        long start = System.nanoTime();
        app.start();
        PipelineProgress progress = app.progress();
        long lastShown = System.nanoTime();
        long nextMark = 1_000;
        while (progress.doneCount() < count) {
            Thread.sleep(200);
            if (progress.doneCount() >= nextMark && nextMark < count) {
                System.out.printf("[bench] live heap after GC with %d of %d done: %.1f MB%n", progress.doneCount(), count,
                        liveHeap() / 1048576.0);
                nextMark *= 10;
            }
            if (System.nanoTime() - lastShown > 30_000_000_000L) {
                lastShown = System.nanoTime();
                System.out.printf("[bench] %d of %d done%n", progress.doneCount(), count);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long live = liveHeap();
        if (progress.describedCount() != count) {
            throw new IllegalStateException("described " + progress.describedCount() + " of " + count + ", failed " + progress.failedCount());
        }
        long rows = app.count("SELECT COUNT(*) FROM caption_ledger");
        app.stop();
        System.out.printf("[bench] %d images, %d ledger rows%n", count, rows);
        System.out.printf("RESULT %d %.1f %.1f %.0f %.1f%n", count, seconds, count / seconds, heap.peakBytes() / 1048576.0, live / 1048576.0);
        System.exit(0);
    }

    /** The heap still held after full collections: what the run keeps, not what it has yet to collect. */
    static long liveHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void generate(Path inbox, int count) throws Exception {
        long old = System.currentTimeMillis() - 60_000;
        byte[] large = TestImages.write(TestImages.picture(1024, 768), "jpeg");
        for (int i = 0; i < count; i++) {
            Path file = inbox.resolve(String.format("set-%03d/img-%06d.jpg", i / 1000, i));
            Files.createDirectories(file.getParent());
            byte[] bytes = unique(i % 100 == 99 ? large : TestImages.uniqueJpeg(i % 65_536, 48, 36), i);
            Files.write(file, bytes);
            file.toFile().setLastModified(old);
        }
    }

    /** The picture made unique (the ledger would reuse a result for the same bytes): a comment segment after SOI. */
    static byte[] unique(byte[] jpeg, int seed) {
        byte[] text = ("captionrelay-bench-" + seed).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[jpeg.length + 4 + text.length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) ((text.length + 2) >> 8);
        out[5] = (byte) (text.length + 2);
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }
}
