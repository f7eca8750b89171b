package io.captionrelay.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.testing.EmbeddedPostgresql;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole application on a real PostgreSQL: the ledger and the JDBC sink, across a restart. */
class PostgresqlSinkIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_store_each_result_once_with_queryable_tags_across_a_restart_and_a_second_delivery() throws Exception {
        String url = EmbeddedPostgresql.newDatabase();
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("sea.jpg", TestImages.jpeg(320, 200, Color.BLUE));
        images.put("grass.png", TestImages.png(200, 320, Color.GREEN));
        images.put("fire.jpg", TestImages.jpeg(240, 240, Color.RED));

        app = start(url);
        images.forEach(this::drop);
        await().atMost(WAIT).until(() -> app.progress().doneCount() == images.size());
        assertThat(app.progress().describedCount()).isEqualTo(3);
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(3);
        assertThat(app.count(byTag("blue"))).isEqualTo(1);
        assertThat(app.count(byTag("blue") + " AND c.image_sha256 = '" + sha256(images.get("sea.jpg")) + "'")).isEqualTo(1);
        assertThat(app.count(byTag("green") + " AND c.source = 'file:grass.png'")).isEqualTo(1);
        assertThat(app.count(byTag("portrait"))).isEqualTo(1);
        long tagRows = app.count("SELECT COUNT(*) FROM image_caption_tag");
        assertThat(tagRows).isGreaterThanOrEqualTo(6);
        app.stop();

        // a restart, and the same images arriving again under the same names and under a new one
        for (String name : images.keySet()) {
            Files.move(tmp.resolve("inbox/.done/" + name), tmp.resolve("inbox/" + name));
        }
        drop("copy of sea.jpg", images.get("sea.jpg"));
        app = start(url);
        await().atMost(WAIT).until(() -> app.progress().doneCount() == images.size() + 1);
        assertThat(app.progress().describedCount()).as("every result came from the ledger").isZero();
        assertThat(app.progress().skippedCount()).isEqualTo(4);
        assertThat(app.progress().failedCount()).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption_tag")).isEqualTo(tagRows);
        assertThat(app.count(byTag("blue"))).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE image_sha256 = '" + sha256(images.get("sea.jpg"))
                + "' AND source IN ('file:sea.jpg', 'file:copy of sea.jpg')")).isEqualTo(1);
    }

    private RelayApp start(String url) throws Exception {
        return new RelayApp(tmp)
                .with("relay.db.url", url)
                .with("relay.db.user", EmbeddedPostgresql.USER)
                .with("relay.sinks", "file,jdbc")
                .start();
    }

    private static String byTag(String tag) {
        return "SELECT COUNT(*) FROM image_caption c JOIN image_caption_tag t ON t.image_sha256 = c.image_sha256"
                + " AND t.provider = c.provider AND t.operation = c.operation AND t.prompt_key = c.prompt_key"
                + " AND t.language = c.language WHERE t.tag = '" + tag + "'";
    }

    private void drop(String relative, byte[] bytes) {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
