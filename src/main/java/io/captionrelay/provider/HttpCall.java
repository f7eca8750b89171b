package io.captionrelay.provider;

import java.util.Map;

/**
 * One HTTP request as a provider adapter shapes it, without Camel: the route turns it into a
 * camel-http call. {@code body} is a JSON string or an HttpClient 5 {@code HttpEntity} (multipart).
 *
 * @param method      GET or POST
 * @param path        appended to the provider's base URL, e.g. {@code /v1/imagecaption}
 * @param headers     the HTTP headers to send (and no others)
 * @param contentType the body's content type, or null when the body carries its own (multipart) or there is none
 * @param body        the body, or null
 */
public record HttpCall(String method, String path, Map<String, String> headers, String contentType, Object body) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }

    public static HttpCall postJson(String path, Map<String, String> headers, String json) {
        return new HttpCall("POST", path, headers, "application/json", json);
    }

    public static HttpCall get(String path, Map<String, String> headers) {
        return new HttpCall("GET", path, headers, null, null);
    }

    @Override
    public String toString() {
        return method + " " + path; // never the headers: they hold keys
    }
}
