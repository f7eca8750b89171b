package io.captionrelay.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Provider feedback shared through the database (table {@code relay_signal}): one instance publishes what a provider
 * told it (a key paused by a rate limit, a provider stopped by a refused key or spent credit) until a time; every
 * instance reads the live ones at an interval. Reads and writes happen when something changes or on that interval,
 * never on a provider call's path.
 */
public final class SharedSignals {

    /** A live signal: its subject, until when (epoch ms), and the error class and reason it carries. */
    public record Signal(String subject, long untilMs, String errorClass, String reason) {
    }

    private static final int LONGEST_REASON = 1000;
    private static final String UPDATE = "UPDATE relay_signal SET until_ms = ?, error_class = ?, reason = ? WHERE subject = ?";
    private static final String INSERT = "INSERT INTO relay_signal (until_ms, error_class, reason, subject) VALUES (?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM relay_signal WHERE subject = ?";
    private static final String LIVE = "SELECT subject, until_ms, error_class, reason FROM relay_signal WHERE until_ms > ?";

    private final DataSource dataSource;

    public SharedSignals(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Publishes (or replaces) the signal on {@code subject}. */
    public void publish(String subject, long untilMs, String errorClass, String reason) throws SQLException {
        String shortReason = reason.length() > LONGEST_REASON ? reason.substring(0, LONGEST_REASON) : reason;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (write(c, UPDATE, subject, untilMs, errorClass, shortReason) == 0) {
                try {
                    write(c, INSERT, subject, untilMs, errorClass, shortReason);
                } catch (SQLException e) {
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                        throw e;
                    }
                    write(c, UPDATE, subject, untilMs, errorClass, shortReason); // another instance inserted it first
                }
            }
        }
    }

    /** Withdraws the signal on {@code subject} (the provider answers again). */
    public void withdraw(String subject) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
            c.setAutoCommit(true);
            ps.setString(1, subject);
            ps.executeUpdate();
        }
    }

    /** The signals live now. */
    public List<Signal> live() throws SQLException {
        List<Signal> signals = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIVE)) {
            ps.setLong(1, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    signals.add(new Signal(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return signals;
    }

    private static int write(Connection c, String sql, String subject, long untilMs, String errorClass, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, untilMs);
            ps.setString(2, errorClass);
            ps.setString(3, reason);
            ps.setString(4, subject);
            return ps.executeUpdate();
        }
    }
}
