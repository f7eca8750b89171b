package io.captionrelay.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.QuotaEnforcer;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quota benchmark: a batch through a strict provider stub, rolling windows of time-scaled quotas
 * (5 a second and 40 per 10 seconds stand in for a minute and an hour; any interval of a period holds at
 * most its calls, else 429) telling its reset as APIVerve documents it, in whole seconds; once with one
 * instance and once with three instances sharing the key through PostgreSQL. Prints quota utilisation
 * (calls made ÷ calls the windows allowed while the batch ran), refusals for rate, images lost and images
 * described twice, and how long the first 5 calls (the limit, after idle) took to reach the stub.
 *
 * <p>Run: {@code mvn -Pbench verify} (see docs/benchmarks.md). Arguments: images per run (default 200),
 * repetitions (default 1).
 */
public final class QuotaBenchmark {

    private static final long PER_SECOND = 5;
    private static final long PER_TEN_SECONDS = 40;

    private QuotaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        System.out.println("---- CaptionRelay quota benchmark ----");
        System.out.printf("provider quota: rolling %d/1s and %d/10s per key (standing in for a minute and an hour), resets in whole"
                + " seconds; %d images per run, %d run(s) each%n", PER_SECOND, PER_TEN_SECONDS, images, repetitions);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            for (int run = 1; run <= repetitions; run++) {
                System.out.printf("run %d: load %s%n", run, load());
                run(1, images, null);
                run(3, images, postgres);
            }
        }
        System.exit(0);
    }

    /** Each run has its own key and images: an idle key, and nothing the shared ledger has seen. */
    private static int runs;

    private static void run(int instances, int images, EmbeddedPostgres postgres) throws Exception {
        int run = ++runs;
        QuotaEnforcer provider = QuotaEnforcer.rolling(List.of(new QuotaEnforcer.Window(PER_SECOND, Duration.ofSeconds(1)),
                new QuotaEnforcer.Window(PER_TEN_SECONDS, Duration.ofSeconds(10))), QuotaEnforcer.Resets.APIVERVE_WHOLE_SECONDS);
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(provider)
                .containerThreads(40));
        stub.start();
        stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"benchmark\"}}")));
        QuotaEnforcer.warmUp(stub);
        Path work = Files.createTempDirectory("captionrelay-quota-bench");
        List<RelayApp> apps = new ArrayList<>();
        try {
            for (int instance = 0; instance < instances; instance++) {
                Path root = work.resolve("instance-" + instance);
                for (int i = instance; i < images; i += instances) {
                    Path image = root.resolve("inbox/q" + i + ".jpg");
                    Files.createDirectories(image.getParent());
                    Files.write(image, TestImages.uniqueJpeg(run * 100_000 + i, 40, 30));
                }
                RelayApp app = new RelayApp(root).with("relay.providers", "apiverve")
                        .with("relay.sinks", "file")
                        .with("relay.progress.interval", "10000")
                        .with("relay.provider.apiverve.base-url", stub.baseUrl())
                        .with("relay.provider.apiverve.api-key", "benchmark-key-0123456789-" + run)
                        .with("relay.provider.apiverve.quota", PER_SECOND + "/1s," + PER_TEN_SECONDS + "/10s")
                        .with("relay.provider.apiverve.max-in-flight", "8")
                        .with("relay.pipeline.workers", "16")
                        .with("relay.quota.margin", "100");
                if (postgres != null) {
                    app.with("relay.db.url", postgres.getJdbcUrl("postgres", "postgres")).with("relay.db.user", "postgres")
                            .with("relay.quota.store", "postgresql");
                }
                apps.add(app);
            }
            double started = provider.elapsedSeconds();
            for (RelayApp app : apps) {
                app.start();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> apps.stream().mapToLong(a -> a.progress().doneCount()).sum() >= images);
            double ended = provider.elapsedSeconds();
            long done = 0;
            long describedTwice = 0;
            for (RelayApp app : apps) {
                done += count(app.inbox.resolve(".done"));
                describedTwice += app.count("SELECT COUNT(*) FROM caption_ledger") - app.count("SELECT COUNT(DISTINCT image_sha256) FROM caption_ledger");
            }
            long allowed = Math.min(PER_SECOND * windows(started, ended, 1), PER_TEN_SECONDS * windows(started, ended, 10));
            List<Double> arrivals = provider.acceptedSeconds();
            double burstMs = arrivals.size() < PER_SECOND ? Double.NaN : 1000 * (arrivals.get((int) PER_SECOND - 1) - arrivals.get(0));
            System.out.flush();
            System.out.printf("%d instance(s)%s: %d images in %.1f s; calls made %d; utilisation %.1f%% from the first"
                            + " call to the last, %.1f%% in the 10-second windows the batch filled, %.1f%% counting every"
                            + " window the run touched as whole (%d allowed); refusals for rate %d; images lost %d; described twice %d;"
                            + " first %d calls reached the stub within %.0f ms%n",
                    instances, postgres != null ? " sharing the key through PostgreSQL" : "", images, ended - started,
                    provider.accepted(), 100.0 * provider.runUtilisation(), 100.0 * provider.steadyUtilisation(),
                    100.0 * provider.accepted() / allowed, allowed,
                    provider.refused(), images - done, instances == 1 ? describedTwice : describedTwice / instances,
                    PER_SECOND, burstMs);
        } finally {
            for (RelayApp app : apps) {
                app.close();
            }
            stub.stop();
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    /** Provider windows of {@code periodSeconds} that the run touched, counted as the provider counts them. */
    private static long windows(double fromSeconds, double toSeconds, int periodSeconds) {
        return (long) Math.floor(toSeconds / periodSeconds) - (long) Math.floor(fromSeconds / periodSeconds) + 1;
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).count();
        }
    }
}
