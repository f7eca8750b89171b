package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.areas.Area;
import io.captionrelay.areas.PendingReturn;
import io.captionrelay.testing.S3Server;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bucket's item areas ({@link BucketAreas}, through {@link S3Store}) against S3Proxy. */
class BucketAreasIT {

    private static final String BUCKET = "photos";
    private static final S3Settings SETTINGS = new S3Settings(true, BUCKET, "incoming/", true, "done/", "failed/", "pending/",
            "staging/", Optional.empty(), Optional.empty(), "us-east-1", true, Optional.empty(), Optional.empty(),
            BUCKET, "captions/", ".json", false, "caption-", List.of("title"));

    private S3Server s3;
    private BucketAreas areas;

    @BeforeEach
    void start() throws Exception {
        s3 = S3Server.start(BUCKET);
        areas = new BucketAreas(SETTINGS, new S3Store(s3::client, null));
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_move_a_failed_object_aside_with_its_record_even_when_its_name_reads_like_an_expression() {
        String name = "trip/${camelContext.stop()} ü.jpg";
        s3.put(BUCKET, "incoming/" + name, bytes("image"));

        assertThat(areas.putAside(name, Area.FAILED, "{\"reason\":\"broken\"}")).isEqualTo("failed/" + name);

        assertThat(s3.keys(BUCKET, "")).containsExactlyInAnyOrder("failed/" + name, "failed/" + name + ".error.json");
        assertThat(s3.get(BUCKET, "failed/" + name)).isEqualTo(bytes("image"));
        assertThat(s3.getString(BUCKET, "failed/" + name + ".error.json")).isEqualTo("{\"reason\":\"broken\"}");
    }

    @Test
    void should_bring_back_only_the_pending_objects_the_rule_lets_go_with_their_records() throws Exception {
        s3.put(BUCKET, "incoming/q/go.jpg", bytes("go"));
        s3.put(BUCKET, "incoming/q/stay.jpg", bytes("stay"));
        areas.putAside("q/go.jpg", Area.PENDING, "{\"provider\":\"up\"}");
        areas.putAside("q/stay.jpg", Area.PENDING, "{\"provider\":\"stopped\"}");
        assertThat(areas.pending()).containsExactlyInAnyOrder("q/go.jpg", "q/stay.jpg");

        int back = new PendingReturn(areas, record -> new String(record.get(), StandardCharsets.UTF_8).contains("\"up\"")).look();

        assertThat(back).isEqualTo(1);
        assertThat(s3.keys(BUCKET, "")).containsExactlyInAnyOrder("incoming/q/go.jpg", "pending/q/stay.jpg",
                "pending/q/stay.jpg.pending.json");
        assertThat(s3.get(BUCKET, "incoming/q/go.jpg")).isEqualTo(bytes("go"));
    }

    @Test
    void should_forget_a_stale_pending_record_unless_its_object_still_waits() {
        s3.put(BUCKET, "pending/trip/done.jpg.pending.json", bytes("{}"));
        s3.put(BUCKET, "pending/trip/waits.jpg", bytes("w"));
        s3.put(BUCKET, "pending/trip/waits.jpg.pending.json", bytes("{}"));

        areas.forgetStalePending("trip/done.jpg");
        areas.forgetStalePending("trip/waits.jpg");

        assertThat(s3.keys(BUCKET, "pending/")).containsExactlyInAnyOrder("pending/trip/waits.jpg", "pending/trip/waits.jpg.pending.json");
        assertThat(areas.done("trip/a.jpg")).isEqualTo("done/trip/a.jpg");
    }
}
