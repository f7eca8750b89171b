package io.captionrelay.provider;

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
}
