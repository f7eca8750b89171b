package io.captionrelay.provider.imaginepro;

import io.captionrelay.model.RelayHeaders;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.provider.CamelHttp;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.model.Secret;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Following ImaginePro's jobs: {@code imaginepro-poller}, a timer that fetches every job whose poll is due
 * ({@code poll-interval}, growing ×1.5 up to {@code poll-max-interval}) through {@code imaginepro-fetch}. It keeps
 * running while Camel shuts down gracefully, so that jobs finishing within the shutdown timeout still complete.
 * The webhook fetches through the same route.
 */
final class ImagineProPollerRoutes extends RouteBuilder {

    private static final String FETCH_ID = ImagineProWebhookRoutes.FETCH_ID;
    private static final String FETCH_FAILED = RelayHeaders.IMAGINEPRO_FETCH_FAILED;
    private static final String ADOPT_REF = ImagineProWebhookRoutes.ADOPT_REF;

    private static final Logger LOG = LoggerFactory.getLogger(ImagineProPollerRoutes.class);

    private final ImagineProSettings settings;
    private final ProviderCircuits circuits;
    private final ImagineProApi api;
    private final ImagineProJobs jobs;

    ImagineProPollerRoutes(ImagineProSettings settings, ProviderCircuits circuits, ImagineProApi api, ImagineProJobs jobs) {
        this.settings = settings;
        this.circuits = circuits;
        this.api = api;
        this.jobs = jobs;
    }

    @Override
    public void configure() {
        String id = settings.id;
        from("timer:" + id + "-poller?period=" + settings.pollerPeriod.toMillis() + "&delay=" + settings.pollerPeriod.toMillis())
                .routeId(id + "-poller")
                // keeps polling while other routes finish their in-flight exchanges at shutdown
                .shutdownRoute(ShutdownRoute.Defer)
                .process(exchange -> exchange.getMessage().setBody(jobs.due(Instant.now())))
                .split(body())
                    .to("direct:" + id + "-fetch")
                .end();

        from("direct:" + id + "-fetch").routeId(id + "-fetch")
                .errorHandler(noErrorHandler())
                .process(this::shapeFetch)
                .filter(exchangeProperty(FETCH_FAILED).isNull())
                    .doTry()
                        .to(CamelHttp.endpoint(id, settings.baseUrl))
                    .doCatch(Exception.class)
                        .process(this::fetchNotAnswered)
                    .end()
                .end()
                .process(this::readFetch);
    }

    private void shapeFetch(Exchange exchange) {
        String messageId = exchange.getMessage().getBody(String.class);
        exchange.setProperty(FETCH_ID, messageId);
        exchange.removeProperty(FETCH_FAILED);
        exchange.getMessage().removeHeaders("*", CamelHttp.KEEP);
        try {
            circuits.check(settings.provider);
        } catch (RelayException stopped) {
            exchange.setProperty(FETCH_FAILED, stopped);
            return;
        }
        String ref = exchange.getProperty(ADOPT_REF, String.class);
        Optional<Secret> key = ref != null ? jobs.keyForRef(ref) : jobs.keyFor(messageId);
        if (key.isEmpty()) {
            exchange.setProperty(FETCH_FAILED, new RelayException(ErrorClass.AUTH, "no API key is configured for " + settings.id));
            return;
        }
        CamelHttp.send(exchange, settings.baseUrl, api.fetch(messageId, key.get()));
    }

    private void fetchNotAnswered(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(FETCH_FAILED, new RelayException(ErrorClass.TRANSIENT,
                "ImaginePro did not answer the fetch (" + CamelHttp.noAnswer(exchange) + ")", cause));
    }

    /** Never throws: one job's trouble must not stop the poller or the other jobs. */
    private void readFetch(Exchange exchange) {
        String messageId = exchange.getProperty(FETCH_ID, String.class);
        Instant now = Instant.now();
        RelayException failed = exchange.getProperty(FETCH_FAILED, RelayException.class);
        String ref = exchange.getProperty(ADOPT_REF, String.class);
        if (ref != null) {
            adopt(exchange, messageId, ref, failed, now);
            return;
        }
        try {
            if (failed == null) {
                try {
                    jobs.fetched(api.readMessage(messageId, CamelHttp.reply(exchange)), now);
                } catch (RelayException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                jobs.fetchFailed(messageId, failed, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling ImaginePro job {} went wrong: {}", messageId, e.toString());
            jobs.fetchFailed(messageId, new RelayException(ErrorClass.TRANSIENT, e.toString(), e), now);
        }
        exchange.getMessage().removeHeaders("*", CamelHttp.KEEP);
        exchange.getMessage().setBody(null);
    }

    /** A webhook named {@code messageId} for the unanswered submit {@code ref}: adopted only when the app's own fetch succeeded. */
    private void adopt(Exchange exchange, String messageId, String ref, RelayException failed, Instant now) {
        try {
            if (failed != null) {
                throw failed;
            }
            ImagineProApi.JobMessage message = api.readMessage(messageId, CamelHttp.reply(exchange));
            if (!jobs.adopt(ref, message, now)) {
                LOG.warn("ImaginePro message {} named in a webhook is not adopted: it names another ref", messageId);
            }
        } catch (RelayException | RuntimeException e) {
            LOG.warn("ImaginePro message {} named in a webhook for the unanswered submit {} is not adopted: the fetch failed ({})",
                    messageId, ref, e.getMessage());
        }
        exchange.getMessage().removeHeaders("*", CamelHttp.KEEP);
        exchange.getMessage().setBody(null);
    }
}
