package io.captionrelay.media;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code media-links} serves {@code GET|HEAD /media/{file}} on the embedded HTTP server (only that
 * path: no listing); {@code media-cleanup} deletes media files past retention on a timer.
 */
public final class MediaLinkRoutes extends RouteBuilder {

    private final MediaResponder responder;
    private final MediaFolder folder;
    private final Duration retention;
    private final Duration cleanupInterval;
    private final Clock clock;

    public MediaLinkRoutes(MediaResponder responder, MediaFolder folder, Duration retention, Duration cleanupInterval,
            Clock clock) {
        this.responder = responder;
        this.folder = folder;
        this.retention = retention;
        this.cleanupInterval = cleanupInterval;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from("platform-http:/media/{file}?httpMethodRestrict=GET,HEAD&useBodyHandler=false"
                + "&headerFilterStrategy=#class:" + MediaHeaderFilter.class.getName())
                .routeId("media-links")
                .process(this::reply);

        from("timer:media-cleanup?period=" + cleanupInterval.toMillis())
                .routeId("media-cleanup")
                .process(exchange -> folder.deleteOlderThan(clock.instant().minus(retention)));
    }

    private void reply(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        boolean head = "HEAD".equals(message.getHeader(Exchange.HTTP_METHOD));
        MediaReply reply = responder.answer(
                single(message.getHeader("file")), single(message.getHeader("expires")), single(message.getHeader("sig")));
        message.removeHeaders("*"); // nothing from the request is echoed back
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        reply.headers().forEach(message::setHeader);
        // the server leaves HEAD bodies out over HTTP/1.1 but not over HTTP/2 (h2c): never give it one
        message.setBody(head ? null : reply.body());
    }

    /** A repeated parameter (or a request header of the same name) arrives as a list: refuse it. */
    private static String single(Object value) {
        return value instanceof String text ? text : null;
    }
}
