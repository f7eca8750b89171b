package io.captionrelay.provider.local;

import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.provider.ProviderCallTime;
import org.apache.camel.builder.RouteBuilder;

/** The {@code local} provider: describes the image offline from the file itself. */
public final class LocalProviderRoute extends RouteBuilder {

    private final LocalImageAnalyser analyser;

    public LocalProviderRoute(LocalImageAnalyser analyser) {
        this.analyser = analyser;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        from("direct:provider-local").routeId("provider-local")
                .process(exchange -> {
                    ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
                    ProviderCallTime.sent(exchange);
                    exchange.getMessage().setBody(analyser.describe(job.bytes(), job.facts()));
                    ProviderCallTime.answered(exchange);
                });
    }
}
