package io.captionrelay.quota;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Send times kept in PostgreSQL (table {@code relay_quota_send}), so that every instance sharing a key
 * counts every call made with it. Each decision is one short transaction: the key's transaction-scoped
 * advisory lock, the database's clock (one clock for all instances), old rows pruned, the rest read, and
 * the new call inserted when it fits.
 */
public final class PostgresSendLog implements SendLog {

    private static final long NANOS_PER_MICRO = 1_000;

    private final DataSource dataSource;

    public PostgresSendLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Attempt trySend(String key, List<QuotaLimit> limits, Duration margin) {
        return decide(key, limits, margin, true);
    }

    @Override
    public long waitFor(String key, List<QuotaLimit> limits, Duration margin) {
        return decide(key, limits, margin, false).waitNanos();
    }

    /** One statement (its own short transaction), needed only when a call left late. */
    @Override
    public void movedLater(String key, long sentAt, long byNanos) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement move = db.prepareStatement("UPDATE relay_quota_send SET sent_us = sent_us + ? WHERE ctid ="
                     + " (SELECT ctid FROM relay_quota_send WHERE bucket = ? AND sent_us = ? LIMIT 1)")) {
            move.setLong(1, byNanos / NANOS_PER_MICRO);
            move.setString(2, key);
            move.setLong(3, sentAt / NANOS_PER_MICRO);
            move.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("quota send log: " + e.getMessage(), e);
        }
    }

    @Override
    public long sentWithin(String key, Duration window) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM relay_quota_send WHERE bucket = ?"
                     + " AND sent_us > (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT - ?")) {
            count.setString(1, key);
            count.setLong(2, window.toNanos() / NANOS_PER_MICRO);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota send log: " + e.getMessage(), e);
        }
    }

    private Attempt decide(String key, List<QuotaLimit> limits, Duration margin, boolean record) {
        try (Connection db = dataSource.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                Attempt attempt = decide(db, key, limits, margin, record);
                db.commit();
                return attempt;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota send log: " + e.getMessage(), e);
        }
    }

    private static Attempt decide(Connection db, String key, List<QuotaLimit> limits, Duration margin, boolean record)
            throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, key);
            lock.executeQuery().close();
        }
        long nowMicros; // read once the lock is held: after the previous holder's insert was committed
        try (PreparedStatement clock = db.prepareStatement("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT");
             ResultSet rows = clock.executeQuery()) {
            rows.next();
            nowMicros = rows.getLong(1);
        }
        long longest = SlidingWindows.longest(limits, margin).toNanos() / NANOS_PER_MICRO;
        try (PreparedStatement prune = db.prepareStatement("DELETE FROM relay_quota_send WHERE bucket = ? AND sent_us <= ?")) {
            prune.setString(1, key);
            prune.setLong(2, nowMicros - longest);
            prune.executeUpdate();
        }
        long[] sent = new long[16];
        int count = 0;
        try (PreparedStatement read = db.prepareStatement("SELECT sent_us FROM relay_quota_send WHERE bucket = ? ORDER BY sent_us")) {
            read.setString(1, key);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    if (count == sent.length) {
                        sent = Arrays.copyOf(sent, count * 2);
                    }
                    sent[count++] = rows.getLong(1) * NANOS_PER_MICRO;
                }
            }
        }
        long wait = SlidingWindows.wait(sent, count, nowMicros * NANOS_PER_MICRO, limits, margin);
        long now = nowMicros * NANOS_PER_MICRO;
        long room = SlidingWindows.room(sent, count, now, limits, margin);
        if (wait == 0 && record) {
            room = Math.max(0, room - 1);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO relay_quota_send (bucket, sent_us) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setLong(2, nowMicros);
                insert.executeUpdate();
            }
        }
        return new Attempt(wait, now, room);
    }
}
