package io.captionrelay.provider.imaginepro;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/** ImaginePro answers as the document describes them, for WireMock. */
final class Stubs {

    static final String SUBMIT = "/api/v1/nova/describe";
    static final String FOUR = "1\uFE0F\u20E3 a blue square on a white wall, minimalism --ar 1:1\\n\\n"
            + "2\uFE0F\u20E3 blue tile, flat colour --ar 1:1\\n\\n3\uFE0F\u20E3 a square of ultramarine --v 6\\n\\n"
            + "4\uFE0F\u20E3 abstract blue --style raw";

    private Stubs() {
    }

    static String fetchPath(String messageId) {
        return "/api/v1/message/fetch/" + messageId;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder accepted(String messageId) {
        return json(200, "{\"success\": true, \"messageId\": \"" + messageId + "\", \"createdAt\": \"2024-05-01T10:00:00.000Z\"}");
    }

    static ResponseDefinitionBuilder message(String messageId, String status, String progressJson) {
        return json(200, "{\"messageId\": \"" + messageId + "\", \"status\": \"" + status + "\", \"progress\": " + progressJson
                + ", \"ref\": \"r\", \"createdAt\": \"2024-05-01T10:00:00.000Z\", \"updatedAt\": \"2024-05-01T10:00:30.000Z\"}");
    }

    static ResponseDefinitionBuilder done(String messageId) {
        return json(200, "{\"messageId\": \"" + messageId + "\", \"status\": \"DONE\", \"progress\": 100, \"content\": \""
                + FOUR + "\", \"uri\": \"https://cdn.example/x.png\"}");
    }

    static ResponseDefinitionBuilder failed(String messageId, String error) {
        return json(200, "{\"messageId\": \"" + messageId + "\", \"status\": \"FAIL\", \"progress\": 0, \"error\": \"" + error + "\"}");
    }

    /** Submits are accepted as {@code messageId}. */
    static void acceptAs(WireMockServer stub, String messageId) {
        stub.stubFor(post(urlEqualTo(SUBMIT)).willReturn(accepted(messageId)));
    }

    /** Fetches of {@code messageId} answer {@code answer}, always. */
    static void fetches(WireMockServer stub, String messageId, ResponseDefinitionBuilder answer) {
        stub.stubFor(get(urlEqualTo(fetchPath(messageId))).willReturn(answer));
    }

    /** Fetches answer each of {@code answers} once, in order; the last one stays. */
    static void fetchesInTurn(WireMockServer stub, String path, ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : "after-" + i;
            stub.stubFor(get(urlEqualTo(path)).inScenario("job " + path).whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    static RequestPatternBuilder submits() {
        return postRequestedFor(urlEqualTo(SUBMIT));
    }

    static RequestPatternBuilder fetchesOf(String messageId) {
        return getRequestedFor(urlEqualTo(fetchPath(messageId)));
    }
}
