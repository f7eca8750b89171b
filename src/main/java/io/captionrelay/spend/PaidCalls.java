package io.captionrelay.spend;

import io.captionrelay.db.GroupCommit;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The paid calls, in the table {@code relay_paid_call} (migration V23, H2 and PostgreSQL): one row per
 * call a provider charged for, written when its answer arrives (committed with other threads' writes,
 * {@link GroupCommit}); sums for budgets and totals.
 */
public final class PaidCalls {

    /** What a task spent with one key in the current day and month. */
    public record Total(String task, String key, BigDecimal day, BigDecimal month, BigDecimal moneyMonth, String currency,
                        long callsMonth) {
    }

    /** What a task spent today and this month, every key and instance together. */
    public record Spent(BigDecimal day, BigDecimal month) {
    }

    private final DataSource dataSource;
    private final GroupCommit commits;

    public PaidCalls(DataSource dataSource) {
        this.dataSource = dataSource;
        this.commits = GroupCommit.of(dataSource);
    }

    public void record(PaidCall call) {
        try {
            commits.write(db -> {
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO relay_paid_call"
                        + " (task, key_fingerprint, paid_at, credits, money, currency, image_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, call.task());
                    insert.setString(2, call.key());
                    insert.setTimestamp(3, Timestamp.from(call.paidAt()));
                    insert.setBigDecimal(4, call.credits());
                    insert.setBigDecimal(5, call.money());
                    insert.setString(6, call.currency());
                    insert.setString(7, call.imageSha256());
                    insert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("paid calls: " + e.getMessage(), e);
        }
    }

    /** What {@code task} spent in {@code periods}' day and month. */
    public Spent spent(String task, SpendPeriods periods) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement sum = db.prepareStatement("SELECT COALESCE(SUM(CASE WHEN paid_at >= ? THEN credits END), 0),"
                     + " COALESCE(SUM(credits), 0) FROM relay_paid_call WHERE task = ? AND paid_at >= ? AND paid_at < ?")) {
            sum.setTimestamp(1, Timestamp.from(periods.dayStart()));
            sum.setString(2, task);
            sum.setTimestamp(3, Timestamp.from(periods.monthStart()));
            sum.setTimestamp(4, Timestamp.from(periods.nextMonth()));
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                return new Spent(row.getBigDecimal(1), row.getBigDecimal(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("paid calls: " + e.getMessage(), e);
        }
    }

    /** Totals per task and key in {@code periods}' month (and its day), ordered by task and key. */
    public List<Total> totals(SpendPeriods periods) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement sum = db.prepareStatement("SELECT task, key_fingerprint,"
                     + " COALESCE(SUM(CASE WHEN paid_at >= ? THEN credits END), 0), SUM(credits), SUM(money), MAX(currency), COUNT(*)"
                     + " FROM relay_paid_call WHERE paid_at >= ? AND paid_at < ?"
                     + " GROUP BY task, key_fingerprint ORDER BY task, key_fingerprint")) {
            sum.setTimestamp(1, Timestamp.from(periods.dayStart()));
            sum.setTimestamp(2, Timestamp.from(periods.monthStart()));
            sum.setTimestamp(3, Timestamp.from(periods.nextMonth()));
            List<Total> totals = new ArrayList<>();
            try (ResultSet rows = sum.executeQuery()) {
                while (rows.next()) {
                    totals.add(new Total(rows.getString(1), rows.getString(2), rows.getBigDecimal(3), rows.getBigDecimal(4),
                            rows.getBigDecimal(5), rows.getString(6), rows.getLong(7)));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException("paid calls: " + e.getMessage(), e);
        }
    }
}
