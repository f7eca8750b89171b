package io.captionrelay.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.areas.Area;
import io.captionrelay.areas.PendingReturn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop folder's item areas ({@link InboxArchive}) on a real folder: put aside, pending, back, stale records. */
class InboxAreasTest {

    @TempDir
    Path tmp;

    private InboxArchive areas() throws Exception {
        Files.createDirectories(tmp.resolve("inbox"));
        return new InboxArchive(tmp.resolve("inbox"), new InboxRules("jpg,png", ""), new ObjectMapper());
    }

    @Test
    void should_put_items_aside_with_their_records_and_never_over_an_earlier_one() throws Exception {
        InboxArchive areas = areas();
        assertThat(areas.putAside("trip/a.jpg", Area.FAILED, "{\"reason\":\"one\"}")).isEqualTo(".failed/trip/a.jpg");
        Files.write(tmp.resolve("inbox/.failed/trip/a.jpg"), new byte[] {1}); // the consumer's move
        assertThat(areas.putAside("trip/a.jpg", Area.FAILED, "{\"reason\":\"two\"}")).isEqualTo(".failed/trip/a (2).jpg");
        assertThat(areas.putAside("b.jpg", Area.PENDING, "{\"provider\":\"p\"}")).isEqualTo(".pending/b.jpg");

        assertThat(tmp.resolve("inbox/.failed/trip/a.jpg.error.json")).hasContent("{\"reason\":\"one\"}");
        assertThat(tmp.resolve("inbox/.failed/trip/a (2).jpg.error.json")).hasContent("{\"reason\":\"two\"}");
        assertThat(tmp.resolve("inbox/.pending/b.jpg.pending.json")).hasContent("{\"provider\":\"p\"}");
        assertThat(areas.done("trip/a.jpg")).isEqualTo(".done/trip/a.jpg");
    }

    @Test
    void should_bring_back_only_the_pending_images_the_rule_lets_go_and_drop_their_records() throws Exception {
        InboxArchive areas = areas();
        Path pending = Files.createDirectories(tmp.resolve("inbox/.pending/q"));
        Files.write(pending.resolve("go.jpg"), new byte[] {1, 2});
        Files.writeString(pending.resolve("go.jpg.pending.json"), "{\"provider\":\"up\"}");
        Files.write(pending.resolve("stay.jpg"), new byte[] {3});
        Files.writeString(pending.resolve("stay.jpg.pending.json"), "{\"provider\":\"stopped\"}");
        Files.writeString(pending.resolve("notes.txt"), "not an image");
        Files.createSymbolicLink(pending.resolve("link.jpg"), pending.resolve("go.jpg"));
        Files.createDirectories(tmp.resolve("inbox/q"));
        Files.write(tmp.resolve("inbox/q/go.jpg"), new byte[] {9}); // a newer image of that name arrived meanwhile

        assertThat(areas.pending()).containsExactlyInAnyOrder("q/go.jpg", "q/stay.jpg");
        List<String> asked = new ArrayList<>();
        int back = new PendingReturn(areas, record -> {
            String json = new String(record.get(), StandardCharsets.UTF_8);
            asked.add(json);
            return json.contains("\"up\"");
        }).look();

        assertThat(back).isEqualTo(1);
        assertThat(asked).containsExactlyInAnyOrder("{\"provider\":\"up\"}", "{\"provider\":\"stopped\"}");
        assertThat(tmp.resolve("inbox/q/go.jpg")).hasBinaryContent(new byte[] {9});
        assertThat(tmp.resolve("inbox/q/go (2).jpg")).hasBinaryContent(new byte[] {1, 2});
        assertThat(pending.resolve("go.jpg")).doesNotExist();
        assertThat(pending.resolve("go.jpg.pending.json")).doesNotExist();
        assertThat(pending.resolve("stay.jpg")).exists();
        assertThat(pending.resolve("stay.jpg.pending.json")).exists();
        assertThat(Files.isSymbolicLink(pending.resolve("link.jpg"))).isTrue(); // never followed, never moved
    }

    @Test
    void should_forget_a_stale_pending_record_unless_its_image_still_waits() throws Exception {
        InboxArchive areas = areas();
        Path pending = Files.createDirectories(tmp.resolve("inbox/.pending/trip"));
        Files.writeString(pending.resolve("done.jpg.pending.json"), "{}");
        Files.write(pending.resolve("waits.jpg"), new byte[] {1});
        Files.writeString(pending.resolve("waits.jpg.pending.json"), "{}");

        areas.forgetStalePending("trip/done.jpg");
        areas.forgetStalePending("trip/waits.jpg");
        areas.forgetStalePending("trip/never.jpg");

        assertThat(pending.resolve("done.jpg.pending.json")).doesNotExist();
        assertThat(pending.resolve("waits.jpg.pending.json")).exists();
        assertThat(pending.resolve("waits.jpg")).exists();
    }
}
