package io.captionrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9: the packaged jar on the embedded default database (an H2 file under ./data), describing a batch with
 * a provider that costs money, is killed with SIGKILL at random points several times, then run to the end.
 * Nothing acknowledged is lost and nothing is paid twice, except calls in flight at a kill.
 */
class CrashRecoveryIT {

    private static final int IMAGES = 32;
    private static final int KILLS = 3;

    @TempDir
    Path work;

    @Test
    void should_lose_no_row_and_pay_again_only_for_calls_in_flight_when_killed_with_sigkill() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            images.put("batch/p" + i + ".jpg", TestImages.uniqueJpeg(1000 + i, 64, 48));
        }
        images.forEach(this::write);
        Set<String> shas = new HashSet<>();
        images.values().forEach(bytes -> shas.add(PaidProviderStub.sha256(bytes)));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String context = "seed " + seed;

        try (PaidProviderStub provider = new PaidProviderStub(200, 700)) {
            List<Instant> deaths = new ArrayList<>();
            List<Set<String>> ledgerAtDeath = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                int target = provider.calls().size() + 3 + random.nextInt(5);
                Path log = work.resolve("run-" + kill + ".log");
                Process jar = start(provider, log);
                await().atMost(Duration.ofSeconds(60)).until(() -> provider.calls().size() >= target || !jar.isAlive());
                assertThat(jar.isAlive()).as("the run ended before its kill:\n" + Files.readString(log)).isTrue();
                jar.destroyForcibly(); // SIGKILL to the JVM itself (PackagedJar starts java, no shell)
                assertThat(jar.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(jar.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
                deaths.add(Instant.now()); // every call this run made was received before now
                ledgerAtDeath.add(ledgerImages());
                // acknowledged means stored: every image that left the inbox has its ledger entry and its row
                Set<String> done = doneImages();
                assertThat(ledgerAtDeath.get(kill)).as(context + ", kill " + kill + ": .done holds " + done.size())
                        .containsAll(done);
                assertThat(images("SELECT image_sha256 FROM image_caption")).as(context + ", kill " + kill).containsAll(done);
            }

            Path last = work.resolve("run-last.log");
            Process jar = start(provider, last, "--batch");
            assertThat(jar.waitFor(120, TimeUnit.SECONDS)).as("the last run finished").isTrue();
            assertThat(jar.exitValue()).as(Files.readString(last)).isZero();

            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                assertThat(work.resolve("inbox/.done").resolve(image.getKey())).hasBinaryContent(image.getValue());
                assertThat(work.resolve("inbox").resolve(image.getKey())).doesNotExist();
            }
            assertThat(work.resolve("inbox/.failed")).doesNotExist();
            assertThat(count("SELECT COUNT(*) FROM image_caption")).as(context).isEqualTo(IMAGES);
            assertThat(count("SELECT COUNT(DISTINCT image_sha256) FROM image_caption")).as(context).isEqualTo(IMAGES);
            assertThat(count("SELECT COUNT(*) FROM caption_ledger")).as(context).isEqualTo(IMAGES);
            assertThat(count("SELECT COUNT(DISTINCT image_sha256) FROM caption_ledger")).as(context).isEqualTo(IMAGES);
            assertThat(ledgerImages()).isEqualTo(shas);

            // A call is "in flight" at a kill when the run that made it died before its image had a ledger entry.
            // Each image is paid once, plus at most once more for every such call.
            List<LoggedRequest> calls = provider.calls();
            Map<String, Integer> paid = PaidProviderStub.perImage(calls);
            Map<String, Integer> inFlight = new HashMap<>();
            for (LoggedRequest call : calls) {
                int run = runOf(call.getLoggedDate().toInstant(), deaths);
                String image = PaidProviderStub.imageOf(call);
                if (run < KILLS && !ledgerAtDeath.get(run).contains(image)) {
                    inFlight.merge(image, 1, Integer::sum);
                }
            }
            assertThat(paid.keySet()).isEqualTo(shas);
            String report = context + ": " + calls.size() + " calls for " + IMAGES + " images, in flight at the kills "
                    + inFlight.values().stream().mapToInt(Integer::intValue).sum() + " " + inFlight.values();
            System.out.println("CrashRecoveryIT " + report);
            for (String image : shas) {
                assertThat(paid.get(image)).as(report).isLessThanOrEqualTo(1 + inFlight.getOrDefault(image, 0));
            }
            int extra = calls.size() - IMAGES;
            assertThat(extra).as(report).isLessThanOrEqualTo(inFlight.values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    private Process start(PaidProviderStub provider, Path log, String... args) throws IOException {
        ProcessBuilder command = PackagedJar.command(work, args).redirectOutput(log.toFile());
        Map<String, String> settings = new HashMap<>(provider.settings());
        settings.put("relay.pipeline.workers", "4");
        settings.put("relay.inbox.min-age", "100");
        settings.put("relay.inbox.poll-delay", "200");
        settings.forEach((key, value) -> command.environment().put(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));
        return command.start();
    }

    /** The run that made a call received at {@code at}: the first whose death came after it (KILLS: the last run). */
    private static int runOf(Instant at, List<Instant> deaths) {
        for (int run = 0; run < deaths.size(); run++) {
            if (at.isBefore(deaths.get(run))) {
                return run;
            }
        }
        return deaths.size();
    }

    /** The images with a ledger entry, read from the H2 file the jar left behind. */
    private Set<String> ledgerImages() throws SQLException {
        return images("SELECT image_sha256 FROM caption_ledger");
    }

    /** The images that have left the inbox for .done. */
    private Set<String> doneImages() throws IOException {
        Path done = work.resolve("inbox/.done");
        if (!Files.isDirectory(done)) {
            return Set.of();
        }
        Set<String> shas = new HashSet<>();
        try (java.util.stream.Stream<Path> files = Files.walk(done)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jpg")).toList()) {
                shas.add(PaidProviderStub.sha256(Files.readAllBytes(file)));
            }
        }
        return shas;
    }

    private Set<String> images(String sql) throws SQLException {
        Set<String> shas = new HashSet<>();
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                shas.add(rs.getString(1));
            }
        }
        return shas;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + work.resolve("data/captionrelay").toAbsolutePath(), "sa", "");
    }

    private void write(String relative, byte[] bytes) {
        try {
            Path target = work.resolve("inbox").resolve(relative);
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
            target.toFile().setLastModified(System.currentTimeMillis() - 10_000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
