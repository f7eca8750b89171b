package io.captionrelay.media;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the HTTP server answers to one media request: a status, headers and a body (maybe empty). */
public record MediaReply(int status, Map<String, String> headers, byte[] body) {

    static MediaReply image(MediaName name, byte[] bytes, long maxAgeSeconds) {
        return new MediaReply(200, Map.of(
                "Content-Type", name.contentType(),
                "Content-Length", Integer.toString(bytes.length),
                "Cache-Control", "private, max-age=" + maxAgeSeconds,
                "X-Content-Type-Options", "nosniff"), bytes);
    }

    static MediaReply refusal(int status, String text) {
        return new MediaReply(status, Map.of(
                "Content-Type", "text/plain; charset=utf-8",
                "Cache-Control", "no-store"), text.getBytes(StandardCharsets.UTF_8));
    }
}
