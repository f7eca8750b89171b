package io.captionrelay.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

/** A started WireMock stub of an OpenAI-compatible server that answers every chat completion with one assistant message. */
public final class ChatCompletions {

    public static final String PATH = "/v1/chat/completions";

    private ChatCompletions() {
    }

    /** Listening on 127.0.0.1 at a free port; the caller stops it. */
    public static WireMockServer answering(String content) {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        stub.stubFor(post(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion(content))));
        return stub;
    }

    /** A chat completion as OpenAI writes it, with {@code content} as the assistant's message. */
    public static String completion(String content) {
        ObjectNode answer = new ObjectMapper().createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return answer.toString();
    }
}
