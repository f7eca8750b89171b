package io.captionrelay.provider;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A provider's HTTP answer: status, body as text, and headers looked up without regard to case. */
public record HttpReply(int status, String body, Map<String, String> headers) {

    public HttpReply {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = byName;
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).or(() -> Optional.ofNullable(headers.get(name)));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The beginning of the body, for error messages: providers sometimes answer with a whole HTML page. */
    public String bodySnippet() {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
