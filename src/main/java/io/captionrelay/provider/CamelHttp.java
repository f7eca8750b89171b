package io.captionrelay.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** What every provider route does around a camel-http call. */
public final class CamelHttp {

    /** Camel counts redeliveries in these headers: clearing them would retry for ever. */
    public static final String KEEP = "CamelRedelivery*";

    private CamelHttp() {
    }

    /** The answer of the call just made; the message's headers are cleared so none reaches a sink. */
    public static HttpReply reply(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel")) {
                headers.put(name, value.toString());
            }
        });
        String body = message.getBody(String.class);
        message.removeHeaders("*", KEEP);
        return new HttpReply(status, body, headers);
    }

    /**
     * The endpoint of a task's own camel-http component ({@link HttpProviderRoutes#componentName}, HttpClient's
     * retries off). It names the provider's host; the URL actually called is set per request by {@link #send}.
     */
    public static String endpoint(String taskId, URI baseUrl) {
        return HttpProviderRoutes.componentName(taskId) + "://" + baseUrl.getAuthority() + "?throwExceptionOnFailure=false";
    }

    /**
     * Puts {@code call} on the message, for the camel-http endpoint next: only its headers, its method, URL and body.
     * A text body goes as UTF-8 bytes of exactly the call's content type, so that a retry on the same exchange sends the
     * same bytes and headers: left as a String, camel-http would take the charset of the previous attempt's answer
     * (the exchange's {@code CamelCharsetName}) and send {@code application/json; charset=UTF-8} the second time.
     */
    public static void send(Exchange exchange, URI baseUrl, HttpCall call) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", KEEP);
        exchange.removeProperty(Exchange.CHARSET_NAME);
        call.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_METHOD, call.method());
        message.setHeader(Exchange.HTTP_URI, baseUrl + call.path());
        if (call.body() instanceof String text) {
            message.setBody(new ByteArrayEntity(text.getBytes(StandardCharsets.UTF_8), call.contentType() == null ? null : ContentType.create(call.contentType())));
        } else {
            if (call.contentType() != null) {
                message.setHeader(Exchange.CONTENT_TYPE, call.contentType());
            }
            message.setBody(call.body());
        }
    }

    /** The failure of a call that got no answer, for a reason: its type and message. */
    public static String noAnswer(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().removeHeaders("*", KEEP);
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
