package io.captionrelay.sink;

import io.captionrelay.db.GroupCommit;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The JDBC sink ({@code routes/sink-jdbc.camel.yaml}): upserts a result into {@code image_caption} and
 * replaces its tags in {@code image_caption_tag}, both in one transaction, so a reader never sees a row
 * with another version's tags and a failure leaves the previous version whole. That transaction is shared with
 * other threads' writes ({@link GroupCommit}); {@link #upsert} returns once it is committed.
 *
 * <p>The row's upsert is {@code sql/upsert-image-caption.sql} (standard {@code MERGE}, H2 and PostgreSQL
 * 15+), written with camel-sql's {@code :#name} parameters, which are the keys of {@link CaptionRows#toRow}.
 */
public final class CaptionTable {

    /** Longest tag kept in {@code image_caption_tag}; the JSON list in {@code image_caption.tags} keeps every tag whole. */
    public static final int MAX_TAG_LENGTH = 256;

    private static final Pattern NAMED_PARAMETER = Pattern.compile(":#(\\w+)");
    private static final String KEY = "image_sha256 = ? AND provider = ? AND operation = ? AND prompt_key = ? AND language = ?";
    private static final String DELETE_TAGS = "DELETE FROM image_caption_tag WHERE " + KEY;
    private static final String INSERT_TAG = "INSERT INTO image_caption_tag (image_sha256, provider, operation, prompt_key,"
            + " language, tag) VALUES (?, ?, ?, ?, ?, ?)";

    private final GroupCommit commits;
    private final CaptionRows rows;
    private final String upsertSql;
    private final List<String> upsertParameters;

    public CaptionTable(DataSource dataSource, CaptionRows rows) {
        this(dataSource, rows, resource("sql/upsert-image-caption.sql"));
    }

    CaptionTable(DataSource dataSource, CaptionRows rows, String upsertWithNamedParameters) {
        this.commits = GroupCommit.of(dataSource);
        this.rows = rows;
        List<String> names = new ArrayList<>();
        Matcher m = NAMED_PARAMETER.matcher(upsertWithNamedParameters);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        this.upsertSql = sql.toString();
        this.upsertParameters = List.copyOf(names);
    }

    /** Upserts the row and replaces its tags, in one transaction (with other threads' writes). */
    public void upsert(CaptionResult result) throws Exception {
        Map<String, Object> row = rows.toRow(result);
        for (String name : upsertParameters) {
            if (!row.containsKey(name)) {
                throw new IllegalStateException("sql/upsert-image-caption.sql uses :#" + name + ", which is not a column"
                        + " CaptionRelay knows; known: " + row.keySet());
            }
        }
        ResultKey key = result.key();
        Set<String> tags = tags(result.tags());
        commits.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement(upsertSql)) {
                for (int i = 0; i < upsertParameters.size(); i++) {
                    upsert.setObject(i + 1, row.get(upsertParameters.get(i)));
                }
                upsert.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement(DELETE_TAGS)) {
                bindKey(delete, key);
                delete.executeUpdate();
            }
            if (!tags.isEmpty()) {
                try (PreparedStatement insert = c.prepareStatement(INSERT_TAG)) {
                    for (String tag : tags) {
                        bindKey(insert, key);
                        insert.setString(6, tag);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        });
    }

    /** The tags as stored: trimmed, blanks dropped, each once, cut to {@value #MAX_TAG_LENGTH} characters. */
    static Set<String> tags(List<String> tags) {
        Set<String> kept = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip();
            if (t.length() > MAX_TAG_LENGTH) {
                int end = Character.isHighSurrogate(t.charAt(MAX_TAG_LENGTH - 1)) ? MAX_TAG_LENGTH - 1 : MAX_TAG_LENGTH;
                t = t.substring(0, end);
            }
            if (!t.isEmpty()) {
                kept.add(t);
            }
        }
        return kept;
    }

    private static void bindKey(PreparedStatement ps, ResultKey key) throws SQLException {
        ps.setString(1, key.imageSha256());
        ps.setString(2, key.provider());
        ps.setString(3, key.operation());
        ps.setString(4, key.promptKey());
        ps.setString(5, key.language());
    }

    private static String resource(String name) {
        try (InputStream in = CaptionTable.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
