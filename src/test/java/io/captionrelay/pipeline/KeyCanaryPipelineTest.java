package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.config.RelayConfiguration;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.LogRecorder;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;

/**
 * Key canaries: each provider answer that can quote the key back (whole, or truncated the way OpenAI does) is
 * played by a stub to the whole pipeline running with a unique key. Two images go in: the first trips the
 * provider's circuit ("provider stopped" log line), the second waits behind it ("is stopped (…)" reason). The
 * canary, and any run of 8 of its characters, appears in no log line, exception message, reason record, sidecar
 * or database row; the provider's own words survive.
 */
class KeyCanaryPipelineTest {

    @TempDir
    Path tmp;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private RelayApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    /** provider, HTTP status, the answer's body given the key, the provider words that must survive. */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("apiverve", 401, (UnaryOperator<String>) key ->
                        "{\"status\":\"error\",\"error\":\"Invalid API key: " + key + "\",\"data\":null}", "Invalid API key: ****"),
                Arguments.of("apiverve", 200, (UnaryOperator<String>) key ->
                        "{\"status\":\"error\",\"error\":\"API key " + key + " is not valid\",\"data\":null}", "API key **** is not valid"),
                Arguments.of("memories", 200, (UnaryOperator<String>) key ->
                        "{\"code\":-1,\"msg\":\"invalid api key: " + key + "\",\"data\":null}", "invalid api key: ****"),
                Arguments.of("memories", 401, (UnaryOperator<String>) key ->
                        "{\"code\":-1,\"msg\":\"Unauthorized, Authorization=" + key + "\"}", "Unauthorized, Authorization=****"),
                Arguments.of("imagedescriber", 200, (UnaryOperator<String>) key ->
                        "{\"code\":1003,\"message\":\"Invalid API Key: Bearer " + key + "\",\"request_id\":\"r-1\"}", "Invalid API Key: Bearer ****"),
                Arguments.of("openai", 401, (UnaryOperator<String>) key ->
                        "{\"error\":{\"message\":\"Incorrect API key provided: " + key.substring(0, 8) + "*************"
                                + key.substring(key.length() - 4) + ". You can find your API key at https://platform.openai.com/"
                                + "account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                        "Incorrect API key provided: ****. You can find your API key"),
                Arguments.of("openai", 401, (UnaryOperator<String>) key ->
                        "{\"error\":{\"message\":\"Incorrect API key provided: " + key.substring(0, 3) + "..."
                                + key.substring(key.length() - 4) + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                        "Incorrect API key provided: ****"),
                Arguments.of("openai", 401, (UnaryOperator<String>) key ->
                        "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\",\"type\":\"invalid_request_error\","
                                + "\"code\":\"invalid_api_key\"}}", "Incorrect API key provided: ****"));
    }

    @ParameterizedTest(name = "{0} answering HTTP {1}")
    @MethodSource("answers")
    void should_never_print_or_store_a_key_the_provider_quotes_back(String provider, int status, UnaryOperator<String> body,
                                                                   String survives) throws Exception {
        SecureRandom randomness = new SecureRandom();
        byte[] random = new byte[12];
        randomness.nextBytes(random);
        // the last four characters are letters that no hex hash, time stamp or number can hold, so finding them means the key
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            tail.append("ghjkmnpqrstvwxyz".charAt(randomness.nextInt(16)));
        }
        String canary = "sk-canary-" + HexFormat.of().formatHex(random) + tail;
        stub.start();
        stub.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.apply(canary))));

        try (LogRecorder logs = new LogRecorder(Logger.ROOT_LOGGER_NAME)) {
            app = new RelayApp(tmp).with("relay.providers", provider)
                    .with("relay.provider." + provider + ".base-url", stub.baseUrl())
                    .with("relay.provider." + provider + ".api-key", canary)
                    .with("relay.provider.openai.model", "test-vision")
                    .start();
            drop("first.jpg", TestImages.uniqueJpeg(1, 40, 40));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".pending/first.jpg")));
            drop("second.jpg", TestImages.uniqueJpeg(2, 40, 40));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".pending/second.jpg")));

            List<String> everything = new ArrayList<>(logs.linesWithCauses());
            everything.addAll(texts(app.inbox));
            everything.addAll(texts(app.outbox));
            everything.addAll(databaseDump());
            assertThat(logs.lines()).anyMatch(line -> line.contains("Provider " + provider + " stopped"));
            for (String text : everything) {
                assertThat(text).doesNotContain(canary);
                for (int i = 0; i + 8 <= canary.length(); i++) {
                    assertThat(text).as("a piece of the key").doesNotContain(canary.substring(i, i + 8));
                }
                assertThat(text).doesNotContain(canary.substring(canary.length() - 4));
            }
            assertThat(Files.readString(app.inbox.resolve(".pending/first.jpg.pending.json"))).contains(survives);
            assertThat(Files.readString(app.inbox.resolve(".pending/second.jpg.pending.json")))
                    .contains(provider + " is stopped (").contains(survives);
        }
    }

    private static List<String> texts(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".jpg")).toList()) {
                texts.add(file + ": " + Files.readString(file));
            }
            return texts;
        }
    }

    /** Every row of every table, as H2 scripts them. */
    private List<String> databaseDump() throws Exception {
        DataSource ds = app.context().getRegistry().lookupByNameAndType(RelayConfiguration.DATA_SOURCE, DataSource.class);
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        assertThat(rows).anyMatch(row -> row.contains("CREATE"));
        return rows;
    }

    private void drop(String name, byte[] bytes) throws Exception {
        InboxDrop.put(app.inbox, name, bytes);
    }
}
