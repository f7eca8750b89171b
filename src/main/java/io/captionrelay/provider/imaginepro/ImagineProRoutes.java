package io.captionrelay.provider.imaginepro;

import io.captionrelay.model.ImageFormat;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.provider.ProviderContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;

/**
 * ImaginePro describe (docs/providers/imaginepro.md), asynchronous: the submit is answered with a message id,
 * the result comes later. Its routes, by concern: {@link ImagineProSubmitRoutes} (what the pipeline calls: find or
 * submit the image's job, then wait for it without a thread), {@link ImagineProPollerRoutes} (fetch due jobs) and,
 * with {@code webhook-enabled=true}, {@link ImagineProWebhookRoutes}; the jobs' state lives in
 * {@link ImagineProJobs}, which knows no Camel.
 * On shutdown, exchanges still waiting are left alone: their items stay in the inbox, and at the next start the
 * same image finds its recorded job and resumes it.
 */
public final class ImagineProRoutes implements RoutesBuilder {

    private final ImagineProSettings settings;
    private final ImagineProJobs jobs;
    private final List<RouteBuilder> routes;

    public ImagineProRoutes(ProviderContext provider) {
        this.settings = new ImagineProSettings(provider.settings());
        ImageRequirements requirements = new ImageRequirements(Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP),
                provider.settings().longValue("max-bytes", 1_000_000), provider.settings().bool("keep-gps", false));
        ImagineProApi api = new ImagineProApi(provider.mapper(), settings.pollPath);
        this.jobs = new ImagineProJobs(settings, new JobTable(provider.dataSource()), provider.circuits(), provider.mapper());
        RouteBuilder submit = new ImagineProSubmitRoutes(provider, settings, requirements, api, jobs);
        RouteBuilder poller = new ImagineProPollerRoutes(settings, provider.circuits(), api, jobs);
        this.routes = settings.webhookEnabled
                ? List.of(submit, poller, new ImagineProWebhookRoutes(settings, provider.mapper(), jobs))
                : List.of(submit, poller);
    }

    /** The jobs these routes wait on, for tests and status output. */
    PendingJobs pending() {
        return jobs.pending();
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        jobs.completeOn(context.getExecutorServiceManager().newFixedThreadPool(this, settings.id + "-completion",
                settings.completionThreads));
        for (RouteBuilder builder : routes) {
            context.addRoutes(builder);
        }
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // none
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
        Set<String> updated = new LinkedHashSet<>();
        for (RouteBuilder builder : routes) {
            updated.addAll(builder.updateRoutesToCamelContext(context));
        }
        return updated;
    }
}
