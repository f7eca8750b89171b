package io.captionrelay.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * CaptionRelay's cost per image beside a bare Camel route's, back to back on the same zero-latency stub of
 * imagedescriber {@code generate_tags} and the same images (unique 640x480 JPEGs, about 30 KB): the bare route is
 * {@code file -> base64 JSON -> http -> file} on two threads; CaptionRelay runs the drop folder with the
 * {@code imagedescriber-tags} task, two workers, no quota binding, first with the file sink, then file + JDBC.
 *
 * Rates are counted from the first image done to the last (start-up left out, for both); so is the CPU time the
 * whole JVM (stub included) spent per image, which a machine shared with other work changes less than the rate.
 *
 * <p>Run: {@code mvn -Pbench-scale verify} or the class's {@code main}, arguments the image count (default 1000) and,
 * to profile one of them alone, the run ({@code bare}, {@code file} or {@code file,jdbc}; default {@code all}), and the
 * number of measured rounds (default 3), each of the three runs in turn, after one unmeasured warm-up round of each.
 */
public final class RouteCostBenchmark {

    private RouteCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(50));
        stub.start();
        stub.stubFor(post("/api/v1/generate_tags").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":0,\"message\":\"success\",\"request_id\":\"req-ok\",\"data\":{\"tags\":{\"tags\":[\"orange\",\"blue\"],"
                        + "\"title\":\"Orange and blue\",\"description\":\"A gradient.\"},\"credits\":{\"amount\":\"1\",\"remaining\":\"99\"}}}")));
        byte[] picture = TestImages.write(TestImages.picture(640, 480), "jpeg");
        System.out.printf("load average: %s", Files.readString(Path.of("/proc/loadavg")));
        String only = args.length > 1 && !"all".equals(args[1]) ? args[1] : null;
        if (only != null) {
            double rate = "bare".equals(only) ? bare(stub, picture, count, 0) : pipeline(stub, picture, count, count, only);
            System.out.printf("%s: %.1f images/s%n", only, rate);
            stub.stop();
            System.exit(0);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // a warm-up round first, so that the JIT has compiled every run's code before any is measured
        int warmUp = count;
        bare(stub, picture, warmUp, 100 * count);
        pipeline(stub, picture, warmUp, 101 * count, "file");
        pipeline(stub, picture, warmUp, 102 * count, "file,jdbc");
        List<double[]> rates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int seed = 3 * round * count;
            rates.add(new double[] {bare(stub, picture, count, seed), pipeline(stub, picture, count, seed + count, "file"),
                    pipeline(stub, picture, count, seed + 2 * count, "file,jdbc")});
        }
        System.out.println("---- CaptionRelay per-image cost vs a bare Camel route (zero-latency stub), after a warm-up round ----");
        for (int round = 0; round < rounds; round++) {
            double[] r = rates.get(round);
            System.out.printf("round %d: bare %.1f images/s; file %.1f images/s, cost %.2fx; file+jdbc %.1f images/s, cost %.2fx%n",
                    round + 1, r[0], r[1], r[0] / r[1], r[2], r[0] / r[2]);
        }
        System.out.printf("median cost: file %.2fx, file+jdbc %.2fx the bare route's%n",
                median(rates.stream().mapToDouble(r -> r[0] / r[1]).toArray()),
                median(rates.stream().mapToDouble(r -> r[0] / r[2]).toArray()));
        stub.stop();
        System.exit(0);
    }

    private static double bare(WireMockServer stub, byte[] picture, int count, int seed) throws Exception {
        Path work = Files.createTempDirectory("captionrelay-bare");
        Path in = work.resolve("in");
        Path out = work.resolve("out");
        write(in, picture, count, seed);
        ObjectMapper mapper = new ObjectMapper();
        DefaultCamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + in + "?delete=true").threads(2, 2).maxQueueSize(2).callerRunsWhenRejected(true)
                        .process(exchange -> {
                            byte[] bytes = exchange.getMessage().getBody(byte[].class);
                            exchange.getMessage().setBody(mapper.writeValueAsBytes(Map.of(
                                    "image", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes), "lang", "en")));
                            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                        })
                        .to("http://127.0.0.1:" + stub.port() + "/api/v1/generate_tags")
                        .to("file:" + out);
            }
        });
        context.start();
        long first = 0;
        long firstCpu = 0;
        long done;
        while ((done = count(out)) < count) {
            if (first == 0 && done > 0) {
                first = System.nanoTime();
                firstCpu = cpuNanos();
            }
            Thread.sleep(20);
        }
        double rate = (count - 1) / ((System.nanoTime() - first) / 1e9);
        double cpuMs = (cpuNanos() - firstCpu) / 1e6 / (count - 1);
        context.stop();
        System.out.printf("RESULT bare %.1f images/s, %.2f ms CPU per image%n", rate, cpuMs);
        return rate;
    }

    private static double pipeline(WireMockServer stub, byte[] picture, int count, int seed, String sinks) throws Exception {
        Path work = Files.createTempDirectory("captionrelay-cost");
        RelayApp app = new RelayApp(work).with("relay.providers", "imagedescriber-tags").with("relay.sinks", sinks)
                .with("relay.provider.imagedescriber.base-url", stub.baseUrl())
                .with("relay.provider.imagedescriber.api-key", "bench-key-0123456789")
                .with("relay.provider.imagedescriber-tags.quota", "100000/1s")
                .with("relay.provider.imagedescriber-tags.max-in-flight", "2")
                .with("relay.progress.interval", "60000");
        write(app.inbox, picture, count, seed);
        app.start();
        long first = 0;
        long firstCpu = 0;
        while (app.progress().doneCount() < count) {
            if (first == 0 && app.progress().doneCount() > 0) {
                first = System.nanoTime();
                firstCpu = cpuNanos();
            }
            Thread.sleep(20);
        }
        double rate = (count - 1) / ((System.nanoTime() - first) / 1e9);
        double cpuMs = (cpuNanos() - firstCpu) / 1e6 / (count - 1);
        if (app.progress().describedCount() != count) {
            throw new IllegalStateException("described " + app.progress().describedCount() + " of " + count);
        }
        app.stop();
        System.out.printf("RESULT captionrelay %s %.1f images/s, %.2f ms CPU per image%n", sinks, rate, cpuMs);
        return rate;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** CPU time of the whole JVM so far (every thread, the stub's included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void write(Path folder, byte[] picture, int count, int seed) throws Exception {
        Files.createDirectories(folder);
        long old = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(String.format("img-%05d.jpg", i));
            Files.write(file, ScaleBenchmark.unique(picture, seed + i));
            file.toFile().setLastModified(old);
        }
    }

    private static long count(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }
}
