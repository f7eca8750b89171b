package io.captionrelay.cluster;

import java.sql.SQLException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Leases} of one scope as a Camel {@link IdempotentRepository}, for the consumers that take one: the file
 * consumer's {@code readLock=idempotent-changed} (the drop folder) and the S3 consumer's {@code inProgressRepository}.
 * {@code add} takes the item's lease, {@code remove} gives it up. When the database cannot be reached, {@code add}
 * answers false: the item is left for a later poll rather than taken without a lease.
 */
public final class LeaseRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRepository.class);

    private final Leases leases;
    private final String scope;
    private final long releaseDelayMs;

    public LeaseRepository(Leases leases, String scope) {
        this(leases, scope, 0);
    }

    /**
     * @param releaseDelayMs how long a removed item's lease stays live (see {@link Leases#releaseLater}): consumers list
     *                       items before they take them, and a listing made before the item moved must not find it free
     */
    public LeaseRepository(Leases leases, String scope, long releaseDelayMs) {
        this.leases = leases;
        this.scope = scope;
        this.releaseDelayMs = releaseDelayMs;
    }

    @Override
    public boolean add(String key) {
        try {
            return leases.take(scope, key);
        } catch (SQLException e) {
            LOG.warn("{} not taken now (the lease could not be written; tried again at a later poll): {}", key, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        try {
            return leases.isHeld(scope, key);
        } catch (SQLException e) {
            LOG.warn("Lease of {} not readable; taken as held: {}", key, e.getMessage());
            return true;
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            if (releaseDelayMs > 0) {
                leases.releaseLater(scope, key, releaseDelayMs);
            } else {
                leases.release(scope, key);
            }
            return true;
        } catch (SQLException e) {
            LOG.warn("Lease of {} not given up (it expires): {}", key, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        // leases are given up one by one, or all at once on a graceful stop (LeaseHeartbeat)
    }

    @Override
    public String toString() {
        return "LeaseRepository[" + scope + "]";
    }
}
