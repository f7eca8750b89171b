package io.captionrelay.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in the shared database (table {@code relay_lease}): at most one live owner per (scope, key). Taking a
 * lease is one statement when it is free (an INSERT the primary key guards), or one conditional UPDATE that
 * takes it over once its owner stopped renewing it (its {@code expires_at} passed). {@link #renew} pushes every
 * lease of this instance forward in one UPDATE (the heartbeat, see {@link LeaseHeartbeat}); a crashed instance
 * stops renewing, and its leases can be taken over after {@code leaseMs}. Times are this host's clock in epoch
 * milliseconds: the hosts sharing a database must agree on the time to well within the lease.
 */
public final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
    private static final int LONGEST_KEY = 200;

    private static final String INSERT = "INSERT INTO relay_lease (scope, lease_key, owner, expires_at) VALUES (?, ?, ?, ?)";
    private static final String TAKE_OVER = "UPDATE relay_lease SET owner = ?, expires_at = ?"
            + " WHERE scope = ? AND lease_key = ? AND expires_at < ?";
    private static final String RELEASE = "DELETE FROM relay_lease WHERE scope = ? AND lease_key = ? AND owner = ?";
    private static final String RELEASE_LATER = "UPDATE relay_lease SET owner = ?, expires_at = ?"
            + " WHERE scope = ? AND lease_key = ? AND owner = ?";
    private static final String RELEASE_ALL = "DELETE FROM relay_lease WHERE owner = ?";
    private static final String RENEW = "UPDATE relay_lease SET expires_at = ? WHERE owner = ?";
    private static final String PURGE = "DELETE FROM relay_lease WHERE expires_at < ?";
    private static final String LIVE = "SELECT COUNT(*) FROM relay_lease WHERE scope = ? AND lease_key = ? AND expires_at >= ?";

    private final DataSource dataSource;
    private final String owner;
    private final long leaseMs;
    private final LongSupplier clock;

    public Leases(DataSource dataSource, String owner, long leaseMs) {
        this(dataSource, owner, leaseMs, System::currentTimeMillis);
    }

    Leases(DataSource dataSource, String owner, long leaseMs, LongSupplier clock) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.leaseMs = leaseMs;
        this.clock = clock;
    }

    /** This instance's name in the {@code owner} column. */
    public String owner() {
        return owner;
    }

    /** Takes the lease when nobody holds it, or when its holder let it expire; false while another holds it. */
    public boolean take(String scope, String key) throws SQLException {
        String stored = stored(key);
        long now = clock.getAsLong();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, scope);
                ps.setString(2, stored);
                ps.setString(3, owner);
                ps.setLong(4, now + leaseMs);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(TAKE_OVER)) {
                ps.setString(1, owner);
                ps.setLong(2, now + leaseMs);
                ps.setString(3, scope);
                ps.setString(4, stored);
                ps.setLong(5, now);
                boolean taken = ps.executeUpdate() == 1;
                if (taken) {
                    LOG.warn("Took over an expired lease ({} {}): its instance stopped renewing it", scope, key);
                }
                return taken;
            }
        }
    }

    /** Gives the lease up, if this instance still holds it. */
    public void release(String scope, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            c.setAutoCommit(true);
            ps.setString(1, scope);
            ps.setString(2, stored(key));
            ps.setString(3, owner);
            ps.executeUpdate();
        }
    }

    /**
     * Gives the lease up {@code delayMs} from now: until then it stays live under the owner {@code released}, which no
     * heartbeat renews, so an instance that listed the item before it left finds it taken rather than gone.
     */
    public void releaseLater(String scope, String key, long delayMs) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE_LATER)) {
            c.setAutoCommit(true);
            ps.setString(1, "released");
            ps.setLong(2, clock.getAsLong() + delayMs);
            ps.setString(3, scope);
            ps.setString(4, stored(key));
            ps.setString(5, owner);
            ps.executeUpdate();
        }
    }

    /** Whether any instance holds a live lease on the key. */
    public boolean isHeld(String scope, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIVE)) {
            ps.setString(1, scope);
            ps.setString(2, stored(key));
            ps.setLong(3, clock.getAsLong());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The heartbeat: every lease of this instance lasts another {@code leaseMs} from now. */
    public int renew() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RENEW)) {
            c.setAutoCommit(true);
            ps.setLong(1, clock.getAsLong() + leaseMs);
            ps.setString(2, owner);
            return ps.executeUpdate();
        }
    }

    /** Deletes leases that expired over a lease ago and nobody took over (left by an instance that died). */
    public int purgeExpired() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PURGE)) {
            c.setAutoCommit(true);
            ps.setLong(1, clock.getAsLong() - leaseMs);
            return ps.executeUpdate();
        }
    }

    /** On a graceful stop: gives up every lease of this instance. */
    public int releaseAll() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE_ALL)) {
            c.setAutoCommit(true);
            ps.setString(1, owner);
            return ps.executeUpdate();
        }
    }

    /** The key as stored: itself when short, else {@code sha256:<hex>} of it (a primary key must stay small). */
    static String stored(String key) {
        if (key.length() <= LONGEST_KEY) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDuplicate(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
