package io.captionrelay.provider.imaginepro;

import io.captionrelay.model.RelayHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code imaginepro-webhook} (only with {@code webhook-enabled=true}): a POST from ImaginePro about a live job of
 * this task is a hint: the message is fetched at once, through the poller's fetch route, to confirm; the body is
 * never trusted, and nothing of the request or the fetch goes back.
 */
final class ImagineProWebhookRoutes extends RouteBuilder {

    /** Exchange property: the message id to fetch (shared with the poller's fetch route). */
    static final String FETCH_ID = RelayHeaders.IMAGINEPRO_FETCH;
    /** Exchange property: the ref of the unanswered submit the fetched message is to be adopted for. */
    static final String ADOPT_REF = RelayHeaders.IMAGINEPRO_REF;
    private static final String WEBHOOK_STATUS = RelayHeaders.IMAGINEPRO_WEBHOOK_STATUS;

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProWebhookRoutes.class);

    private final ImagineProSettings settings;
    private final ObjectMapper mapper;
    private final WebhookHints hints;

    ImagineProWebhookRoutes(ImagineProSettings settings, ObjectMapper mapper, ImagineProJobs jobs) {
        this.settings = settings;
        this.mapper = mapper;
        this.hints = jobs.webhookHints();
    }

    @Override
    public void configure() {
        from("platform-http:" + settings.webhookPath + "?httpMethodRestrict=POST").routeId(settings.id + "-webhook")
                .errorHandler(noErrorHandler())
                .process(this::webhookHint)
                .filter(exchangeProperty(FETCH_ID).isNotNull())
                    .to("direct:" + settings.id + "-fetch")
                .end()
                .process(this::webhookReply);
    }

    /** Decides what a webhook call leads to; never trusts what the body says about the job. */
    private void webhookHint(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        exchange.removeProperty(FETCH_ID);
        exchange.removeProperty(ADOPT_REF);
        String messageId = null;
        String ref = null;
        try {
            JsonNode json = body == null || body.isBlank() ? null : mapper.readTree(body);
            messageId = json != null && json.isObject() ? ImagineProApi.text(json, "messageId").orElse(null) : null;
            ref = json != null && json.isObject() ? ImagineProApi.text(json, "ref").orElse(null) : null;
        } catch (IOException notJson) {
            // answered 400 below
        }
        if (messageId == null) {
            exchange.setProperty(WEBHOOK_STATUS, 400);
            return;
        }
        try {
            WebhookHints.Hint hint = hints.of(messageId, ref, Instant.now());
            LOG.debug("ImaginePro webhook about job {}: {}", messageId, hint);
            switch (hint) {
                case UNKNOWN -> exchange.setProperty(WEBHOOK_STATUS, 404);
                case FINISHED -> exchange.setProperty(WEBHOOK_STATUS, 200);
                case LATER -> exchange.setProperty(WEBHOOK_STATUS, 202);
                case FETCH, ADOPT -> {
                    exchange.setProperty(WEBHOOK_STATUS, 202);
                    exchange.setProperty(FETCH_ID, messageId);
                    if (hint == WebhookHints.Hint.ADOPT) {
                        exchange.setProperty(ADOPT_REF, ref);
                    }
                    exchange.getMessage().setBody(messageId);
                }
            }
        } catch (SQLException e) {
            LOG.warn("ImaginePro webhook about job {} could not be checked: {}", messageId, e.getMessage());
            exchange.setProperty(WEBHOOK_STATUS, 503);
        }
    }

    private void webhookReply(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*"); // nothing of the request, or of the fetch, goes back
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, exchange.getProperty(WEBHOOK_STATUS, 500, Integer.class));
        message.setBody("");
    }
}
