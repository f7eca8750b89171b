package io.captionrelay.provider.imagedescriber;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.HttpProviderAdapter;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.testing.ProviderHarness;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two imagedescriber operations as harness targets, and readers for what reached the stub. */
enum ImageDescriberStubs {
    CONTENT("imagedescriber", ImageDescriberContentAdapter.OPERATION, ImageDescriberContentAdapter.PATH, ImageDescriberContentAdapter::new),
    TAGS("imagedescriber-tags", ImageDescriberTagsAdapter.OPERATION, ImageDescriberTagsAdapter.PATH, ImageDescriberTagsAdapter::new);

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DATA_URI = Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);

    final String taskId;
    final String operation;
    final String path;
    final Function<ProviderSettings, HttpProviderAdapter> adapter;

    ImageDescriberStubs(String taskId, String operation, String path, Function<ProviderSettings, HttpProviderAdapter> adapter) {
        this.taskId = taskId;
        this.operation = operation;
        this.path = path;
        this.adapter = adapter;
    }

    /** The real routes, real image preparation and a WireMock stub; {@code settings} as the task's own keys. */
    ProviderHarness harness(Map<String, String> settings) throws Exception {
        return new ProviderHarness(new ProviderTask(taskId, "imagedescriber", operation,
                settings.get("prompt"), settings.getOrDefault("language", "en")), adapter, settings, ProviderHarness.realPreparation());
    }

    ProviderHarness harness() throws Exception {
        return harness(Map.of());
    }

    /** Every answer of the stub is this one. */
    void answer(ProviderHarness harness, ResponseDefinitionBuilder response) {
        harness.stub.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    /** A success answer as the document shows it. */
    String successBody() {
        return this == CONTENT
                ? "{\"code\":0,\"message\":\"success\",\"request_id\":\"req-ok\",\"data\":{\"content\":\"# A picture\\n\\nIt shows *something*.\"}}"
                : "{\"code\":0,\"message\":\"success\",\"request_id\":\"req-ok\",\"data\":{\"tags\":{\"tags\":[\"orange\",\"blue\"],"
                        + "\"title\":\"Orange and blue\",\"description\":\"A gradient.\"},\"credits\":{\"amount\":\"1\",\"remaining\":\"99\"}}}";
    }

    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(successBody());
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The requests that reached the stub on this operation's path (any method: a wrong method shows up too). */
    List<LoggedRequest> sent(ProviderHarness harness) {
        return harness.stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlEqualTo(path)));
    }

    int count(ProviderHarness harness) {
        return harness.stub.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    /** The one request that reached the stub, whatever its path. */
    static LoggedRequest only(ProviderHarness harness) {
        List<LoggedRequest> all = harness.stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static JsonNode body(LoggedRequest request) throws Exception {
        return MAPPER.readTree(request.getBodyAsString());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A data URI taken apart: the declared type and the decoded bytes (strict Base64: no line breaks). */
    record DataUri(String declaredType, byte[] bytes) {

        static DataUri parse(String uri) {
            Matcher m = DATA_URI.matcher(uri);
            assertThat(m.matches()).as("a data:<type>;base64,<data> URI: %s", uri.substring(0, Math.min(60, uri.length()))).isTrue();
            return new DataUri(m.group(1), Base64.getDecoder().decode(m.group(2)));
        }

        ImageFormat sniffed() {
            return ImageFormat.sniff(bytes).orElseThrow(() -> new AssertionError("the sent bytes are no known image"));
        }
    }
}
