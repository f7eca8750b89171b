package io.captionrelay.provider;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

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

    /** Puts {@code call} on the message, for the camel-http endpoint next: only its headers, its method, URL and body. */
    public static void send(Exchange exchange, URI baseUrl, HttpCall call) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", KEEP);
        call.headers().forEach(message::setHeader);
        if (call.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, call.contentType());
        }
        message.setHeader(Exchange.HTTP_METHOD, call.method());
        message.setHeader(Exchange.HTTP_URI, baseUrl + call.path());
        message.setBody(call.body());
    }

    /** The failure of a call that got no answer, for a reason: its type and message. */
    public static String noAnswer(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().removeHeaders("*", KEEP);
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
