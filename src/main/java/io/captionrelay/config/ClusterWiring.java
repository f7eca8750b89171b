package io.captionrelay.config;

import io.captionrelay.cluster.InProgressNames;
import io.captionrelay.cluster.LeaseHeartbeat;
import io.captionrelay.cluster.LeaseRepository;
import io.captionrelay.cluster.Leases;
import io.captionrelay.cluster.SharedDatabase;
import io.captionrelay.cluster.SharedSignals;
import io.captionrelay.provider.ProviderCircuits;
import io.captionrelay.provider.SharedProviderFeedback;
import io.captionrelay.quota.QuotaGates;
import java.time.Duration;
import io.captionrelay.pipeline.ResultClaims;
import io.captionrelay.settings.Settings;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring for running several instances on one database (docs/scaling-out.md). Shared ({@code relay.claims.shared},
 * by default whenever the database is not an embedded H2): the result claims, the drop folder's read locks and the
 * S3 consumer's in-progress set are leases in the database, renewed by a heartbeat. Alone: in-memory sets, as one
 * process needs.
 */
final class ClusterWiring {

    /** Registry names the YAML routes use. */
    static final String INBOX_LOCKS = "inboxLocks";
    static final String S3_IN_PROGRESS = "s3InProgress";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {
    }

    static ResultClaims register(CamelContext context, Settings settings, DataSource dataSource) throws Exception {
        Registry registry = context.getRegistry();
        if (!SharedDatabase.isShared(settings)) {
            // one instance: the locks live in memory, each name only while its item is in progress
            registry.bind(INBOX_LOCKS, IdempotentRepository.class, new InProgressNames());
            registry.bind(S3_IN_PROGRESS, IdempotentRepository.class, new InProgressNames());
            return ResultClaims.none();
        }
        long lease = settings.longValue("relay.claims.lease");
        long heartbeat = settings.longValue("relay.claims.heartbeat");
        if (heartbeat <= 0 || heartbeat >= lease) {
            throw new IllegalArgumentException("relay.claims.heartbeat (" + heartbeat + " ms) must be above 0 and below"
                    + " relay.claims.lease (" + lease + " ms)");
        }
        String instance = settings.stringOrEmpty("relay.claims.instance");
        Leases leases = new Leases(dataSource, instance.isBlank() ? generatedName() : instance, lease);
        context.addService(new LeaseHeartbeat(context, leases, heartbeat), true);
        long releaseDelay = settings.longValue("relay.claims.release-delay");
        registry.bind(INBOX_LOCKS, IdempotentRepository.class, new LeaseRepository(leases, "inbox", releaseDelay));
        registry.bind(S3_IN_PROGRESS, IdempotentRepository.class,
                new LeaseRepository(leases, "s3:" + settings.optional("relay.s3.bucket").orElse(""), releaseDelay));
        LOG.info("Shared mode: instance {} takes work through leases in the database ({} ms, renewed every {} ms)",
                leases.owner(), lease, heartbeat);
        return ResultClaims.shared(leases, settings.longValue("relay.claims.poll-interval"));
    }

    /** Shared mode: rate-limit pauses and open circuits reach every instance through the database. */
    static void shareProviderFeedback(CamelContext context, Settings settings, DataSource dataSource, ProviderCircuits circuits)
            throws Exception {
        if (!SharedDatabase.isShared(settings)) {
            return;
        }
        QuotaGates gates = context.getRegistry().lookupByNameAndType(RelayConfiguration.QUOTA_GATES, QuotaGates.class);
        context.addService(new SharedProviderFeedback(context, new SharedSignals(dataSource), circuits, gates.all(),
                Duration.ofMillis(settings.longValue("relay.circuit.probe-after")),
                settings.longValue("relay.claims.feedback-interval")), true);
    }

    private static String generatedName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
