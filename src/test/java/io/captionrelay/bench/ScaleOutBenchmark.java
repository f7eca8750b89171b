package io.captionrelay.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.captionrelay.cluster.Leases;
import io.captionrelay.testing.EmbeddedPostgresql;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The scale-out benchmark: one inbox and one PostgreSQL, a provider stub that takes 2 s a call (its quota far from
 * binding), and 1, 2, then 3 instances (Camel contexts in this JVM, each with 4 calls in flight and 4 images in
 * progress). Prints images per
 * second for each count, and what a lease costs (take + give up, the statements a claim adds per image).
 *
 * <p>Run: {@code mvn -Pbench verify} (see docs/benchmarks.md). Arguments: images per run (default 120).
 */
public final class ScaleOutBenchmark {

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        try (PaidProviderStub stub = new PaidProviderStub(2000, 2000)) {
            double one = 0;
            for (int instances = 1; instances <= 3; instances++) {
                double rate = run(stub, instances, images);
                one = instances == 1 ? rate : one;
                System.out.printf("instances %d: %d images in %.1f s, %.2f images/s (%.2fx one instance)%n",
                        instances, images, images / rate, rate, rate / one);
                stub.server.resetRequests();
            }
            claimCost();
            System.out.printf("cores: %d%n", Runtime.getRuntime().availableProcessors());
        }
        System.exit(0);
    }

    /** Images per second from the moment the images are in the inbox until every one is in .done. */
    private static double run(PaidProviderStub stub, int instances, int images) throws Exception {
        String db = EmbeddedPostgresql.newDatabase();
        Path work = Files.createTempDirectory("captionrelay-scale");
        Path inbox = work.resolve("inbox");
        List<CompletableFuture<RelayApp>> starts = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            RelayApp app = new RelayApp(work.resolve("app-" + i)).with("relay.inbox.dir", inbox.toString())
                    .with("relay.db.url", db).with("relay.db.user", EmbeddedPostgresql.USER).with("relay.db.password", "")
                    .with("relay.sinks", "file").with("relay.pipeline.workers", "4").with("relay.pipeline.max-in-progress", "4")
                    .with("relay.progress.interval", "60000");
            stub.settings().forEach(app::with);
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return app.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<RelayApp> apps = new ArrayList<>();
        for (CompletableFuture<RelayApp> start : starts) {
            apps.add(start.get());
        }
        Path staging = work.resolve("staging");
        Files.createDirectories(staging);
        for (int i = 0; i < images; i++) {
            Files.write(staging.resolve("img-" + i + ".jpg"), TestImages.uniqueJpeg(instances * 100_000 + i, 64, 48));
        }
        long start = System.nanoTime();
        Files.move(staging, inbox.resolve("batch")); // every image appears at once
        while (done(inbox) < images) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (RelayApp app : apps) {
            app.close();
        }
        return images / seconds;
    }

    private static long done(Path inbox) throws Exception {
        Path done = inbox.resolve(".done");
        if (!Files.isDirectory(done)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(done)) {
            return files.filter(file -> file.toString().endsWith(".jpg") && file.toFile().length() > 0).count();
        }
    }

    /** Take + give up one lease on the benchmark's PostgreSQL, averaged: one claim (an image pays for two: file and result). */
    private static void claimCost() throws Exception {
        String db = EmbeddedPostgresql.newDatabase();
        RelayApp app = new RelayApp(Files.createTempDirectory("captionrelay-claim")).with("relay.db.url", db)
                .with("relay.db.user", EmbeddedPostgresql.USER).with("relay.db.password", "").start(); // migrates
        app.close();
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db);
        ds.setUsername(EmbeddedPostgresql.USER);
        ds.setMaximumPoolSize(2);
        Leases leases = new Leases(ds, "bench", 30_000);
        int rounds = 2000;
        for (int i = 0; i < 200; i++) { // warm-up
            leases.take("result", "warm-" + i);
            leases.release("result", "warm-" + i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            leases.take("result", "key-" + i);
            leases.release("result", "key-" + i);
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf("one claim (take + give up, pooled connection): %.0f µs%n", micros);
        ds.close();
    }
}
