package io.captionrelay.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * imagedescriber's generate_content (a provider that costs money per call) as a WireMock stub on 127.0.0.1
 * that answers every call after a random delay, and tells which image each call was for: the SHA-256 of the
 * image in the request's data URI (images that already fit are sent byte for byte).
 */
public final class PaidProviderStub implements AutoCloseable {

    public static final String KEY = "paid-stub-key-0123456789";
    private static final String PATH = "/api/v1/generate_content";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40));

    /** Every call answered after {@code minDelayMs}..{@code maxDelayMs}. */
    public PaidProviderStub(int minDelayMs, int maxDelayMs) {
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withUniformRandomDelay(minDelayMs, maxDelayMs)
                .withBody("{\"code\":0,\"message\":\"success\",\"request_id\":\"req-ok\",\"data\":{\"content\":"
                        + "\"# A picture\\n\\nIt shows *something*.\"}}")));
    }

    /** The settings that make the application call this stub, as properties (relay.providers=imagedescriber). */
    public Map<String, String> settings() {
        return Map.of(
                "relay.providers", "imagedescriber",
                "relay.provider.imagedescriber.base-url", server.baseUrl(),
                "relay.provider.imagedescriber.api-key", KEY,
                "relay.provider.imagedescriber.quota", "6000/1m",
                "relay.provider.imagedescriber.max-in-flight", "4",
                "relay.retry.transient.initial-delay", "50");
    }

    /** Calls received so far. */
    public List<LoggedRequest> calls() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    /** Calls per image (SHA-256 of the image sent), for the calls given. */
    public static Map<String, Integer> perImage(List<LoggedRequest> calls) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LoggedRequest call : calls) {
            counts.merge(imageOf(call), 1, Integer::sum);
        }
        return counts;
    }

    /** The SHA-256 of the image a call carried. */
    public static String imageOf(LoggedRequest call) {
        try {
            String uri = JSON.readTree(call.getBodyAsString()).path("image").asText();
            byte[] image = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
            return sha256(image);
        } catch (Exception e) {
            throw new AssertionError("a call the stub cannot read: " + e, e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
