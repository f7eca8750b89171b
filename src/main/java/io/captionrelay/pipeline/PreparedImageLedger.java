package io.captionrelay.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.db.GroupCommit;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.ResultKey;
import io.captionrelay.provider.PreparedAnswers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which prepared bytes each ledger result was paid for (table {@code prepared_image}), so that an image whose
 * prepared bytes hash the same as an earlier one's costs no call: the provider saw exactly those bytes before.
 * Both the look-up and the note are best effort: a database fault only loses the saving, never an image.
 */
public final class PreparedImageLedger implements PreparedAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedImageLedger.class);
    private static final String FIND = "SELECT l.result_json FROM prepared_image p JOIN caption_ledger l"
            + " ON l.image_sha256 = p.image_sha256 AND l.provider = p.provider AND l.operation = p.operation"
            + " AND l.prompt_key = p.prompt_key AND l.language = p.language"
            + " WHERE p.prepared_sha256 = ? AND p.provider = ? AND p.operation = ? AND p.prompt_key = ? AND p.language = ?";
    private static final String INSERT = "INSERT INTO prepared_image (prepared_sha256, provider, operation, prompt_key,"
            + " language, image_sha256) VALUES (?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final boolean force;
    private final GroupCommit commits;

    /** @param force {@code relay.force}: describe again, reuse nothing */
    public PreparedImageLedger(DataSource dataSource, ObjectMapper mapper, boolean force) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.force = force;
        this.commits = GroupCommit.of(dataSource);
    }

    @Override
    public Optional<ProviderAnswer> find(String preparedSha256, ProviderTask task) {
        if (force) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            bind(ps, task.keyFor(preparedSha256));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                CaptionResult paid = mapper.readValue(rs.getString(1), CaptionResult.class);
                Map<String, Object> usage = new LinkedHashMap<>(paid.usage());
                usage.put("reusedFromImage", paid.imageSha256()); // paid once, for that image
                return Optional.of(new ProviderAnswer(paid.title(), paid.description(), paid.caption(), paid.tags(), usage,
                        paid.providerRequestId(), paid.raw()));
            }
        } catch (SQLException | IOException e) {
            LOG.warn("The prepared-bytes look-up failed, so the image may be paid for: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Notes that {@code paid} was the answer for these prepared bytes; a note already there is kept. The note joins the
     * next commit of the database, without waiting for it: the caller writes the ledger row right after (one commit for both).
     */
    public void remember(String preparedSha256, ResultKey paid) {
        commits.withNext(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                bind(ps, new ResultKey(preparedSha256, paid.provider(), paid.operation(), paid.promptKey(), paid.language()));
                ps.setString(6, paid.imageSha256());
                ps.executeUpdate();
            }
        }, failure -> {
            String state = failure instanceof SQLException e ? e.getSQLState() : null;
            if (state == null || !state.startsWith("23")) { // 23xxx: noted before (same bytes again)
                LOG.warn("The prepared bytes of {} could not be noted: {}", paid.imageSha256(), failure.getMessage());
            }
        });
    }

    private static void bind(PreparedStatement ps, ResultKey key) throws SQLException {
        ps.setString(1, key.imageSha256());
        ps.setString(2, key.provider());
        ps.setString(3, key.operation());
        ps.setString(4, key.promptKey());
        ps.setString(5, key.language());
    }
}
