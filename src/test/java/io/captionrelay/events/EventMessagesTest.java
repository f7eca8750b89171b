package io.captionrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.testing.S3Events;
import org.junit.jupiter.api.Test;

/** The message forms the event sources read: what each names, what is ignored and why, what is refused. */
class EventMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventMessages messages = new EventMessages(JSON, "");

    @Test
    void should_read_the_url_encoded_key_of_an_s3_notification() throws Exception {
        EventMessages.Parsed parsed = messages.parse(S3Events.created("photos", "trip 1/a+b é.jpg"));
        assertThat(parsed.references()).containsExactly(ObjectReference.object("photos", "trip 1/a+b é.jpg"));
        assertThat(parsed.ignored()).isNull();
    }

    @Test
    void should_read_minio_eventbridge_sns_and_plain_references() throws Exception {
        assertThat(messages.parse(S3Events.minioCreated("photos", "x y.jpg")).references())
                .containsExactly(ObjectReference.object("photos", "x y.jpg"));
        assertThat(messages.parse(S3Events.eventBridgeCreated("photos", "raw key.jpg")).references())
                .containsExactly(ObjectReference.object("photos", "raw key.jpg"));
        String sns = JSON.writeValueAsString(java.util.Map.of("Type", "Notification", "Message", S3Events.created("photos", "s.jpg")));
        assertThat(messages.parse(sns).references()).containsExactly(ObjectReference.object("photos", "s.jpg"));
        assertThat(messages.parse("{\"bucket\":\"photos\",\"key\":\"k+1.jpg\"}").references())
                .as("a plain reference is not URL-encoded").containsExactly(ObjectReference.object("photos", "k+1.jpg"));
        assertThat(messages.parse("{\"file\":\"trip/a.jpg\"}").references()).containsExactly(ObjectReference.file("trip/a.jpg"));
        String array = S3Events.created("photos", "arr.jpg").replaceFirst("^\\{\"Records\":", "").replaceFirst("}$", "");
        assertThat(messages.parse(array).references()).containsExactly(ObjectReference.object("photos", "arr.jpg"));
    }

    @Test
    void should_ignore_test_events_deletions_and_keys_outside_the_prefix() throws Exception {
        assertThat(messages.parse(S3Events.testEvent("photos")).ignored()).isEqualTo("s3:TestEvent");
        assertThat(messages.parse(S3Events.s3("ObjectRemoved:Delete", "photos", "a.jpg")).ignored()).isEqualTo("ObjectRemoved:Delete");
        assertThat(messages.parse(S3Events.s3("s3:ObjectRemoved:Delete", "photos", "a.jpg")).references()).isEmpty();
        EventMessages incoming = new EventMessages(JSON, "incoming/");
        EventMessages.Parsed sidecar = incoming.parse(S3Events.minioCreated("photos", "captions/a.jpg.local.json"));
        assertThat(sidecar.references()).isEmpty();
        assertThat(sidecar.ignored()).startsWith("outside relay.events.prefix 'incoming/'");
        assertThat(incoming.parse(S3Events.created("photos", "incoming/a.jpg")).references()).hasSize(1);
    }

    @Test
    void should_refuse_what_is_no_accepted_form_as_bad_input() {
        for (String text : new String[] {"not json", "[1, 2", "42", "{\"hello\":\"world\"}", "{\"bucket\":\"photos\"}", "{\"file\":\"\"}"}) {
            assertThatThrownBy(() -> messages.parse(text)).as(text).isInstanceOfSatisfying(RelayException.class,
                    e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.BAD_INPUT));
        }
    }
}
