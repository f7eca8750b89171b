package io.captionrelay.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.db.GroupCommit;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Remembers every result a provider was paid for, keyed by {@link ResultKey}. It is written right
 * after the provider answers and before any sink sees the result, so a crash, a sink outage or a
 * duplicate file never makes the pipeline pay for the same description twice. Writes are committed with those of
 * other threads ({@link GroupCommit}): {@link #record} returns once the commit holding its row returned.
 */
public final class CaptionLedger {

    private static final String FIND = "SELECT result_json FROM caption_ledger WHERE image_sha256 = ? AND provider = ?"
            + " AND operation = ? AND prompt_key = ? AND language = ?";
    private static final String INSERT = "INSERT INTO caption_ledger (result_json, described_at, image_sha256, provider,"
            + " operation, prompt_key, language) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE caption_ledger SET result_json = ?, described_at = ? WHERE image_sha256 = ?"
            + " AND provider = ? AND operation = ? AND prompt_key = ? AND language = ?";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final GroupCommit commits;

    public CaptionLedger(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.commits = GroupCommit.of(dataSource);
    }

    public Optional<CaptionResult> find(ResultKey key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Stores the result, replacing an earlier one for the same key (as when the user forces a re-run). */
    public void record(CaptionResult result) throws SQLException {
        String json = write(result);
        Timestamp at = Timestamp.from(result.createdAt());
        commits.write(c -> {
            if (execute(c, UPDATE, json, at, result.key()) == 0) {
                Savepoint beforeInsert = c.setSavepoint(); // PostgreSQL's transaction goes on after a refused insert only from here
                try {
                    execute(c, INSERT, json, at, result.key());
                } catch (SQLException e) {
                    if (!isUniqueViolation(e)) {
                        throw e;
                    }
                    c.rollback(beforeInsert);
                    execute(c, UPDATE, json, at, result.key()); // another instance inserted it first
                }
            }
        });
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM caption_ledger");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int execute(Connection c, String sql, String json, Timestamp at, ResultKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, json);
            ps.setTimestamp(2, at);
            bindKey(ps, 3, key);
            return ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int first, ResultKey key) throws SQLException {
        ps.setString(first, key.imageSha256());
        ps.setString(first + 1, key.provider());
        ps.setString(first + 2, key.operation());
        ps.setString(first + 3, key.promptKey());
        ps.setString(first + 4, key.language());
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    private String write(CaptionResult result) throws SQLException {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise the result for the ledger", e);
        }
    }

    private CaptionResult read(String json) throws SQLException {
        try {
            return mapper.readValue(json, CaptionResult.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("the ledger holds a result that cannot be read back", e);
        }
    }
}
