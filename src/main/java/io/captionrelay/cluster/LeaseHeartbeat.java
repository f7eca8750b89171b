package io.captionrelay.cluster;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews this instance's leases every {@code heartbeatMs} (one UPDATE, however many it holds) while the Camel
 * context runs (and removes leases long expired, which a dead instance left); on a graceful stop it gives them all up. An instance that dies stops renewing, so its leases
 * expire and the others take its work over.
 */
public final class LeaseHeartbeat extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final CamelContext context;
    private final Leases leases;
    private final long heartbeatMs;
    private ScheduledExecutorService timer;

    public LeaseHeartbeat(CamelContext context, Leases leases, long heartbeatMs) {
        this.context = context;
        this.leases = leases;
        this.heartbeatMs = heartbeatMs;
    }

    @Override
    protected void doStart() {
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "lease-heartbeat");
        timer.scheduleWithFixedDelay(this::beat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            leases.renew();
            int purged = leases.purgeExpired();
            if (purged > 0) {
                LOG.info("{} lease(s) left by an instance that stopped without giving them up were removed", purged);
            }
        } catch (Exception e) {
            LOG.warn("Leases of instance {} not renewed (tried again in {} ms): {}", leases.owner(), heartbeatMs, e.getMessage());
        }
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        try {
            int released = leases.releaseAll();
            if (released > 0) {
                LOG.info("Instance {} gave up {} lease(s) on stopping", leases.owner(), released);
            }
        } catch (Exception e) {
            LOG.warn("Leases of instance {} not given up on stopping (they expire): {}", leases.owner(), e.getMessage());
        }
    }
}
