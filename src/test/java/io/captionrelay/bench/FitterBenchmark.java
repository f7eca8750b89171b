package io.captionrelay.bench;

import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImagePreparer;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.util.Random;
import java.util.Set;

/**
 * The image fitter on camera-like 12 MP JPEGs (4000×3000, gradients, shapes and grain, written at quality 0.95 so
 * they are over 4 MB): each is prepared for a provider taking JPEG, PNG and WebP up to a size limit (imagedescriber's
 * 4 MB by default), one at a time on one thread, after one warm-up image. Prints per image the size and bytes chosen,
 * the share of the limit used, the JPEG quality, the encodes and the time (decode, orient, encodes), then the means.
 *
 * <p>Run: the class's {@code main} on the test classpath; arguments the image count (default 20) and the limit in
 * bytes (default 4194304), e.g. {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.captionrelay.bench.FitterBenchmark -Dexec.args="20 4194304"}.
 */
public final class FitterBenchmark {

    private FitterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long maxBytes = args.length > 1 ? Long.parseLong(args[1]) : 4L * 1024 * 1024;
        ImageRequirements requirements = new ImageRequirements(Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP), maxBytes, false);
        ImageInspector inspector = new ImageInspector(200L * 1024 * 1024, 100_000_000);
        ImagePreparer preparer = new ImagePreparer();
        byte[] warmUp = photo(-1);
        preparer.prepare(warmUp, inspector.inspect(warmUp), requirements);

        System.out.printf("---- image fitter: %d camera-like 12 MP JPEGs, limit %d bytes ----%n", count, maxBytes);
        double shares = 0;
        long encodes = 0;
        long nanos = 0;
        for (int i = 0; i < count; i++) {
            byte[] original = photo(i);
            ImageFacts facts = inspector.inspect(original);
            long start = System.nanoTime();
            PreparedImage prepared = preparer.prepare(original, facts, requirements);
            long took = System.nanoTime() - start;
            double share = (double) prepared.bytes().length / maxBytes;
            System.out.printf("%2d: original %,d bytes -> %d×%d, %,d bytes, %.1f%% of the limit, quality %s, %d encodes, %d ms%n",
                    i, original.length, prepared.width(), prepared.height(), prepared.bytes().length, 100 * share,
                    prepared.quality(), prepared.encodes(), took / 1_000_000);
            shares += share;
            encodes += prepared.encodes();
            nanos += took;
        }
        System.out.printf("mean: %.1f%% of the limit, %.1f encodes, %d ms per image%n",
                100 * shares / count, (double) encodes / count, nanos / count / 1_000_000);
    }

    private static byte[] photo(int seed) {
        return TestImages.jpeg(BatchBenchmark.picture(4000, 3000, new Random(1000L + seed)), 0.95f);
    }
}
