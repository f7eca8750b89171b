package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.config.Json;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.testing.EmbeddedPostgresql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDBC sink's table on both databases it supports: the same migrations, upserts and tag queries. */
class CaptionTableTest {

    private static final String BY_TAG = "SELECT c.image_sha256 FROM image_caption c JOIN image_caption_tag t"
            + " ON t.image_sha256 = c.image_sha256 AND t.provider = c.provider AND t.operation = c.operation"
            + " AND t.prompt_key = c.prompt_key AND t.language = c.language WHERE t.tag = ? ORDER BY c.image_sha256";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void should_upsert_one_row_per_key_and_find_images_by_tag(String vendor) throws Exception {
        try (RelayDatabase db = database(vendor)) {
            CaptionTable table = new CaptionTable(db.dataSource(), new CaptionRows(Json.mapper()));
            table.upsert(result("a".repeat(64), "Beach", List.of("beach", "sea", "blue")));
            table.upsert(result("b".repeat(64), "Forest", List.of("forest", "green", " ", "green")));
            table.upsert(result("c".repeat(64), "Lake", List.of("blue", "water")));

            assertThat(query(db, BY_TAG, "blue")).containsExactly("a".repeat(64), "c".repeat(64));
            assertThat(query(db, BY_TAG, "forest")).containsExactly("b".repeat(64));
            assertThat(count(db, "SELECT COUNT(*) FROM image_caption_tag WHERE image_sha256 = '" + "b".repeat(64) + "'"))
                    .as("blank dropped, repeats once").isEqualTo(2);

            // the same key again: the row is updated and its tags replaced, nothing is added
            table.upsert(result("a".repeat(64), "Beach at noon", List.of("beach", "sun")));
            assertThat(count(db, "SELECT COUNT(*) FROM image_caption")).isEqualTo(3);
            assertThat(query(db, "SELECT title FROM image_caption WHERE image_sha256 = ?", "a".repeat(64)))
                    .containsExactly("Beach at noon");
            assertThat(query(db, BY_TAG, "blue")).containsExactly("c".repeat(64));
            assertThat(query(db, BY_TAG, "sun")).containsExactly("a".repeat(64));
            assertThat(query(db, "SELECT tags FROM image_caption WHERE image_sha256 = ?", "a".repeat(64)))
                    .containsExactly("[\"beach\",\"sun\"]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void should_leave_the_previous_row_and_tags_whole_when_the_tags_cannot_be_written(String vendor) throws Exception {
        try (RelayDatabase db = database(vendor)) {
            CaptionTable table = new CaptionTable(db.dataSource(), new CaptionRows(Json.mapper()));
            String sha = "d".repeat(64);
            table.upsert(result(sha, "Old title", List.of("old")));

            execute(db, "ALTER TABLE image_caption_tag RENAME TO image_caption_tag_away");
            assertThatThrownBy(() -> table.upsert(result(sha, "New title", List.of("new")))).isInstanceOf(SQLException.class);
            execute(db, "ALTER TABLE image_caption_tag_away RENAME TO image_caption_tag");

            assertThat(query(db, "SELECT title FROM image_caption WHERE image_sha256 = ?", sha)).containsExactly("Old title");
            assertThat(query(db, BY_TAG, "old")).containsExactly(sha);
            assertThat(query(db, BY_TAG, "new")).isEmpty();

            table.upsert(result(sha, "New title", List.of("new")));
            assertThat(query(db, "SELECT title FROM image_caption WHERE image_sha256 = ?", sha)).containsExactly("New title");
            assertThat(query(db, BY_TAG, "new")).containsExactly(sha);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void should_run_the_shared_migrations_and_only_this_databases_own(String vendor) throws Exception {
        try (RelayDatabase db = database(vendor)) {
            List<String> versions = query(db, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = ?"
                    + " ORDER BY \"installed_rank\"", true);
            assertThat(versions).contains("1", "4");
            if (vendor.equals("postgresql")) {
                assertThat(versions).contains("3", "20");
                assertThat(count(db, "SELECT COUNT(*) FROM relay_quota_send")).isZero();
            } else {
                assertThat(versions).doesNotContain("3", "20");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void should_keep_long_tags_queryable_by_their_first_256_characters(String vendor) throws Exception {
        try (RelayDatabase db = database(vendor)) {
            CaptionTable table = new CaptionTable(db.dataSource(), new CaptionRows(Json.mapper()));
            String longTag = "é".repeat(300);
            table.upsert(result("e".repeat(64), "Long", List.of(longTag)));
            assertThat(query(db, BY_TAG, longTag.substring(0, CaptionTable.MAX_TAG_LENGTH))).containsExactly("e".repeat(64));
            assertThat(query(db, "SELECT tags FROM image_caption WHERE image_sha256 = ?", "e".repeat(64)).get(0))
                    .contains(longTag);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void should_write_alt_text_into_its_own_column(String vendor) throws Exception {
        try (RelayDatabase db = database(vendor)) {
            CaptionTable table = new CaptionTable(db.dataSource(), new CaptionRows(Json.mapper()));
            CaptionResult plain = result("f".repeat(64), "Harbour", List.of("boat"));
            table.upsert(new CaptionResult(plain.imageSha256(), plain.source(), plain.provider(), plain.operation(),
                    plain.title(), plain.description(), plain.caption(), "Café à Zürich — 東京", plain.tags(), plain.language(),
                    plain.prompt(), plain.usage(), plain.providerRequestId(), plain.raw(), plain.latencyMs(), plain.createdAt()));
            table.upsert(result("0".repeat(64), "None", List.of()));

            assertThat(query(db, "SELECT alt_text FROM image_caption WHERE image_sha256 = ?", "f".repeat(64)))
                    .containsExactly("Café à Zürich — 東京");
            assertThat(query(db, "SELECT alt_text FROM image_caption WHERE image_sha256 = ?", "0".repeat(64)))
                    .containsExactly((String) null);
        }
    }

    private RelayDatabase database(String vendor) throws SQLException {
        return vendor.equals("h2")
                ? new RelayDatabase("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath(), "sa", "", 2)
                : new RelayDatabase(EmbeddedPostgresql.newDatabase(), EmbeddedPostgresql.USER, "", 2);
    }

    private static CaptionResult result(String sha, String title, List<String> tags) {
        return new CaptionResult(sha, "file:" + title + ".jpg", "local", "describe", title, "A " + title, null, tags,
                "en", null, Map.of("units", 1), null, Json.mapper().createObjectNode().put("seen", title), 12,
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    private static List<String> query(RelayDatabase db, String sql, Object parameter) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private static long count(RelayDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(RelayDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
