package io.captionrelay.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.pipeline.PipelineProgress;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A latency-bound provider at full concurrency: a WireMock stub of APIVerve that answers every call after
 * {@value #LATENCY_MS} ms, no quota binding, max-in-flight 4, 16 and 64 (relay.pipeline.max-in-progress twice that
 * plus the workers). Each run describes six rounds of images (6 x max-in-flight); its rate is counted from the first
 * answer minus one latency (when the first call went out) to the last image done, against the limit
 * max-in-flight / latency.
 *
 * <p>Run: {@code mvn -Pbench-scale verify} or the class's {@code main}, arguments the in-flight values.
 */
public final class ConcurrencyBenchmark {

    static final int LATENCY_MS = 2_000;
    private static final int ROUNDS = 6;

    private ConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] inFlights = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {4, 16, 64};
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(200)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(16));
        stub.start();
        stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200).withFixedDelay(LATENCY_MS)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"a slow answer\"}}")));
        StringBuilder table = new StringBuilder();
        int seed = 0;
        for (int inFlight : inFlights) {
            System.out.printf("load average before %d in flight: %s", inFlight, Files.readString(Path.of("/proc/loadavg")));
            int images = ROUNDS * inFlight;
            Path work = Files.createTempDirectory("captionrelay-concurrency");
            RelayApp app = new RelayApp(work).with("relay.providers", "apiverve").with("relay.sinks", "file")
                    .with("relay.provider.apiverve.base-url", stub.baseUrl())
                    .with("relay.provider.apiverve.api-key", "bench-key-0123456789")
                    .with("relay.provider.apiverve.quota", "100000/1s")
                    .with("relay.provider.apiverve.max-in-flight", Integer.toString(inFlight))
                    .with("relay.provider.apiverve.response-timeout", "30000")
                    .with("relay.pipeline.max-in-progress", Integer.toString(2 * inFlight + 2));
            String writeDelay = System.getProperty("bench.h2.write-delay");
            if (writeDelay != null) { // H2 then acknowledges commits before writing them: not kill-safe, to see what the ledger costs
                app.with("relay.db.url", "jdbc:h2:file:" + work.resolve("data/captionrelay").toAbsolutePath() + ";WRITE_DELAY=" + writeDelay);
            }
            long old = System.currentTimeMillis() - 60_000;
            for (int i = 0; i < images; i++) {
                Path file = app.inbox.resolve(String.format("img-%04d.jpg", i));
                Files.createDirectories(file.getParent());
                Files.write(file, ScaleBenchmark.unique(TestImages.uniqueJpeg(i, 48, 36), seed++));
                file.toFile().setLastModified(old);
            }
            app.start();
            PipelineProgress progress = app.progress();
            long firstDone = 0;
            while (progress.doneCount() < images) {
                if (firstDone == 0 && progress.doneCount() > 0) {
                    firstDone = System.nanoTime();
                }
                Thread.sleep(10);
            }
            long end = System.nanoTime();
            app.stop();
            if (progress.describedCount() != images) {
                throw new IllegalStateException("described " + progress.describedCount() + " of " + images);
            }
            double seconds = (end - firstDone) / 1e9 + LATENCY_MS / 1000.0;
            double rate = images / seconds;
            double limit = inFlight * 1000.0 / LATENCY_MS;
            String row = String.format("%d | %d | %.1f | %.2f | %.2f | %.1f%%%n", inFlight, images, seconds, rate, limit, rate / limit * 100);
            System.out.print("RESULT " + row);
            table.append(row);
        }
        stub.stop();
        System.out.println("---- CaptionRelay concurrency benchmark (stub answering in " + LATENCY_MS + " ms, no quota) ----");
        System.out.println("max-in-flight | images | seconds | images/s | in-flight / latency | share");
        System.out.print(table);
        System.exit(0);
    }
}
