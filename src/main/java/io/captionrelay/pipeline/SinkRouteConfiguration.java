package io.captionrelay.pipeline;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Route configuration {@value #ID}, for the sink routes of {@code routes/} ({@code routeConfigurationId:
 * sink-errors}): no error handling of their own. A sink that throws hands the failure straight back to
 * {@code pipeline-deliver}, which retries that sink with backoff and, when the retries run out, fails the
 * item with the sink named; nothing is logged twice on the way.
 */
public final class SinkRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "sink-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(noErrorHandler());
    }
}
