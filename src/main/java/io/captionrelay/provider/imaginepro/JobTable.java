package io.captionrelay.provider.imaginepro;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code imaginepro_job} table (migration V2): every job the provider accepted, written before
 * waiting on it, so that a restart resumes it instead of paying for it again.
 */
final class JobTable {

    static final String DONE = "DONE";
    static final String FAIL = "FAIL";
    static final String TIMEOUT = "TIMEOUT";
    static final String SUBMITTED = "SUBMITTED";
    static final Set<String> FINISHED = Set.of(DONE, FAIL, TIMEOUT);

    private static final String COLUMNS = "message_id, task_id, image_sha256, key_hint, status, progress, submitted_at,"
            + " deadline_at, last_polled_at, finished_at, delivered_at, result_json, error";
    private static final String LIVE = " AND status NOT IN ('DONE', 'FAIL', 'TIMEOUT')";

    /** One recorded job. */
    record Row(String messageId, String taskId, String imageSha256, String keyHint, String status, Integer progress,
               Instant submittedAt, Instant deadlineAt, Instant lastPolledAt, Instant finishedAt, Instant deliveredAt,
               String resultJson, String error) {

        boolean live() {
            return !FINISHED.contains(status);
        }

        boolean undelivered() {
            return DONE.equals(status) && deliveredAt == null;
        }
    }

    private final DataSource dataSource;

    JobTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(Row row) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO imaginepro_job (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.messageId());
            ps.setString(2, row.taskId());
            ps.setString(3, row.imageSha256());
            ps.setString(4, row.keyHint());
            ps.setString(5, row.status());
            setInt(ps, 6, row.progress());
            ps.setTimestamp(7, at(row.submittedAt()));
            ps.setTimestamp(8, at(row.deadlineAt()));
            ps.setTimestamp(9, at(row.lastPolledAt()));
            ps.setTimestamp(10, at(row.finishedAt()));
            ps.setTimestamp(11, at(row.deliveredAt()));
            ps.setString(12, row.resultJson());
            ps.setString(13, row.error());
            ps.executeUpdate();
        }
    }

    Optional<Row> find(String messageId) throws SQLException {
        List<Row> rows = select("WHERE message_id = ?", messageId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The jobs of one image and task, newest first. */
    List<Row> forImage(String imageSha256, String taskId) throws SQLException {
        return select("WHERE image_sha256 = ? AND task_id = ? ORDER BY submitted_at DESC", imageSha256, taskId);
    }

    /** A poll's news about a live job; a finished job is left as it is. */
    void progress(String messageId, String status, Integer progress, Instant polledAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE imaginepro_job SET status = ?, progress = COALESCE(?, progress),"
                     + " last_polled_at = ? WHERE message_id = ?" + LIVE)) {
            ps.setString(1, status.length() > 16 ? status.substring(0, 16) : status);
            setInt(ps, 2, progress);
            ps.setTimestamp(3, at(polledAt));
            ps.setString(4, messageId);
            ps.executeUpdate();
        }
    }

    /** Only a poll time (the answer carried no news, or could not be read). */
    void polled(String messageId, Instant polledAt) throws SQLException {
        update("UPDATE imaginepro_job SET last_polled_at = ? WHERE message_id = ?" + LIVE, at(polledAt), messageId);
    }

    /** Ends a live job: DONE with its message, FAIL or TIMEOUT with the reason. False when it had already ended. */
    boolean finish(String messageId, String status, String resultJson, String error, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE imaginepro_job SET status = ?, result_json = COALESCE(?, result_json),"
                     + " error = ?, finished_at = ?, last_polled_at = ? WHERE message_id = ?" + LIVE)) {
            ps.setString(1, status);
            ps.setString(2, resultJson);
            ps.setString(3, error);
            ps.setTimestamp(4, at(at));
            ps.setTimestamp(5, at(at));
            ps.setString(6, messageId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The job's result was handed to the pipeline: from now on the image's ledger entry stands for it. */
    void delivered(String messageId, Instant at) throws SQLException {
        update("UPDATE imaginepro_job SET delivered_at = ? WHERE message_id = ? AND delivered_at IS NULL", at(at), messageId);
    }

    private void update(String sql, Timestamp at, String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, at);
            ps.setString(2, messageId);
            ps.executeUpdate();
        }
    }

    private List<Row> select(String where, String... values) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM imaginepro_job " + where)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int progressValue = rs.getInt("progress");
                    Integer progress = rs.wasNull() ? null : progressValue;
                    rows.add(new Row(rs.getString("message_id"), rs.getString("task_id"), rs.getString("image_sha256"),
                            rs.getString("key_hint"), rs.getString("status"), progress,
                            instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("deadline_at")),
                            instant(rs.getTimestamp("last_polled_at")), instant(rs.getTimestamp("finished_at")),
                            instant(rs.getTimestamp("delivered_at")), rs.getString("result_json"), rs.getString("error")));
                }
            }
            return rows;
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static Timestamp at(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
