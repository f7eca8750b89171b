package io.captionrelay.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.captionrelay.testing.PackagedJar;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The drop-folder benchmark: generates photo-like JPEGs of 1–12 megapixels into a temporary inbox,
 * runs the packaged jar in batch mode with the local provider and both sinks (file and JDBC) under
 * a 512 MB heap cap, and prints images per second, total seconds and peak heap.
 *
 * <p>Run: {@code mvn -Pbench verify} (see docs/benchmarks.md). Arguments: image count (default 1000).
 */
public final class BatchBenchmark {

    private static final Pattern SUMMARY = Pattern.compile(
            "CaptionRelay batch: (\\d+) images in ([\\d.]+) s: described (\\d+), skipped as already done (\\d+), failed (\\d+), pending \\d+ \\(waiting for a provider\\), peak heap (\\d+) MB");

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path work = Files.createTempDirectory("captionrelay-bench");
        Path inbox = work.resolve("inbox");
        System.out.printf("generating %d JPEGs (1-12 megapixels) in %s%n", count, inbox);
        long bytes = generate(inbox, count);
        System.out.printf("generated %.0f MB%n", bytes / 1e6);
        PackagedJar.prepareWorkingFolder(work);

        long start = System.nanoTime();
        Process process = PackagedJar.command(work, "--batch").redirectOutput(work.resolve("batch.log").toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("batch did not finish; see " + work.resolve("batch.log"));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String log = Files.readString(work.resolve("batch.log"));
        Matcher m = SUMMARY.matcher(log);
        if (process.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("batch failed (exit " + process.exitValue() + "); see " + work.resolve("batch.log"));
        }
        double batchSeconds = Double.parseDouble(m.group(2));
        System.out.println("---- CaptionRelay drop-folder benchmark ----");
        System.out.printf("images:          %s (described %s, skipped %s, failed %s)%n", m.group(1), m.group(3), m.group(4), m.group(5));
        System.out.printf("input:           %.0f MB of JPEG, 1-12 megapixels%n", bytes / 1e6);
        System.out.printf("total seconds:   %.1f (batch run incl. start-up: %.1f)%n", batchSeconds, wall);
        System.out.printf("images/s:        %.1f%n", Integer.parseInt(m.group(1)) / batchSeconds);
        System.out.printf("peak heap:       %s MB (JVM capped at -Xmx512m)%n", m.group(6));
        System.out.printf("cores:           %d%n", Runtime.getRuntime().availableProcessors());
    }

    /** Photo-like pictures: gradients, shapes and fine noise, so they compress and decode like photos. */
    private static long generate(Path inbox, int count) throws Exception {
        Files.createDirectories(inbox);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<Long>> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            sizes.add(pool.submit(() -> {
                Random random = new Random(index);
                double megapixels = 1 + (index % 12) + random.nextDouble() * 0.9; // evenly 1..12 MP
                int width = (int) Math.sqrt(megapixels * 1e6 * 4 / 3);
                int height = (int) (width * 3 / 4.0);
                Path file = inbox.resolve(String.format("set-%d/img-%04d.jpg", index % 10, index));
                Files.createDirectories(file.getParent());
                ImageIO.write(picture(width, height, random), "jpeg", file.toFile());
                file.toFile().setLastModified(System.currentTimeMillis() - 60_000);
                return Files.size(file);
            }));
        }
        long total = 0;
        for (Future<Long> size : sizes) {
            total += size.get();
        }
        pool.shutdown();
        return total;
    }

    /** Also the camera-like pictures of {@link FitterBenchmark}. */
    static BufferedImage picture(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height, new Color(random.nextInt(0xFFFFFF))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(width), random.nextInt(height), width / 4, height / 4);
        }
        g.dispose();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int n = random.nextInt(17) - 8;
            int p = pixels[i];
            pixels[i] = (clamp((p >> 16 & 0xFF) + n) << 16) | (clamp((p >> 8 & 0xFF) + n) << 8) | clamp((p & 0xFF) + n);
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
