package io.captionrelay.provider.local;

import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.provider.ImagePreparation;
import io.captionrelay.provider.ProviderCallTime;
import org.apache.camel.builder.RouteBuilder;

/** The {@code local} provider: describes the image offline from the file itself. */
public final class LocalProviderRoute extends RouteBuilder {

    private final LocalImageAnalyser analyser;
    private final ImagePreparation preparation;

    /** @param preparation converts HEIC and AVIF, whose pixels only libheif decodes */
    public LocalProviderRoute(LocalImageAnalyser analyser, ImagePreparation preparation) {
        this.analyser = analyser;
        this.preparation = preparation;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        from("direct:provider-local").routeId("provider-local")
                .process(exchange -> {
                    ImageJob job = exchange.getProperty(RelayHeaders.JOB, ImageJob.class);
                    PreparedImage readable = job.facts() != null && job.facts().format().isHeif()
                            ? preparation.prepare(job, LocalImageAnalyser.READABLE, null) : null;
                    ProviderCallTime.sent(exchange);
                    exchange.getMessage().setBody(analyser.describe(job.bytes(), job.facts(), readable));
                    ProviderCallTime.answered(exchange);
                });
    }
}
