package io.captionrelay.provider.memories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ProviderSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading memories.ai's answers without Camel, and the settings the adapter reads. */
class MemoriesAnswerTest {

    private static MemoriesAdapter adapter(Map<String, String> values) {
        return new MemoriesAdapter(new ProviderSettings("memories", "memories", key -> Optional.ofNullable(values.get(key))));
    }

    private final MemoriesAdapter adapter = adapter(Map.of());

    @Test
    void should_put_the_text_in_the_description_and_leave_the_caption_empty() throws Exception {
        ProviderAnswer answer = adapter.read(new HttpReply(200,
                "{\"code\":0,\"msg\":\"success\",\"data\":{\"text\":\"  It shows a dog.\\nIt is sunny. \"}}", Map.of()));

        assertThat(answer.description()).isEqualTo("It shows a dog.\nIt is sunny.");
        assertThat(answer.altText()).as("the first sentence of the description").isEqualTo("It shows a dog.");
        assertThat(answer.caption()).isNull();
        assertThat(answer.usage()).isEmpty();
    }

    @Test
    void should_accept_the_code_as_a_string_or_a_number() throws Exception {
        assertThat(adapter.read(new HttpReply(200, "{\"code\":\"0\",\"data\":{\"text\":\"a\"}}", Map.of())).description()).isEqualTo("a");
        assertThat(adapter.read(new HttpReply(200, "{\"code\":0.0,\"data\":{\"text\":\"b\"}}", Map.of())).description()).isEqualTo("b");
        RelayException failure = catchThrowableOfType(RelayException.class,
                () -> adapter.read(new HttpReply(200, "{\"code\":\"-1\",\"msg\":\"bad url\"}", Map.of())));
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
    }

    @Test
    void should_keep_only_the_token_counts_that_are_numbers() throws Exception {
        ProviderAnswer answer = adapter.read(new HttpReply(200,
                "{\"code\":0,\"data\":{\"text\":\"a\",\"token\":{\"input\":5,\"output\":\"many\",\"total\":null}}}", Map.of()));

        assertThat(answer.usage()).containsExactlyEntriesOf(Map.of("inputTokens", 5L));
    }

    @Test
    void should_say_what_was_wrong_when_code_minus_one_has_no_msg() {
        RelayException failure = catchThrowableOfType(RelayException.class,
                () -> adapter.read(new HttpReply(200, "{\"code\":-1}", Map.of())));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(failure.getMessage()).isEqualTo("memories answered HTTP 200: code -1: no msg given");
    }

    @Test
    void should_classify_error_statuses_as_the_shared_defaults() {
        Map<Integer, ErrorClass> expected = Map.of(400, ErrorClass.BAD_INPUT, 401, ErrorClass.AUTH, 402, ErrorClass.OUT_OF_CREDIT,
                403, ErrorClass.AUTH, 408, ErrorClass.TRANSIENT, 413, ErrorClass.BAD_INPUT, 429, ErrorClass.RATE_LIMITED,
                500, ErrorClass.TRANSIENT, 504, ErrorClass.TRANSIENT);
        expected.forEach((status, errorClass) -> assertThat(catchThrowableOfType(RelayException.class,
                () -> adapter.read(new HttpReply(status, "{\"code\":0,\"msg\":\"success\"}", Map.of()))).errorClass())
                .as("HTTP %d", status).isEqualTo(errorClass));
    }

    @Test
    void should_take_png_and_jpeg_up_to_ten_megabytes_by_file_unless_configured() {
        assertThat(adapter.requirements().formats()).containsExactlyInAnyOrder(ImageFormat.PNG, ImageFormat.JPEG);
        assertThat(adapter.requirements().maxBytes()).isEqualTo(10_000_000);
        assertThat(adapter.requirements().keepGps()).isFalse();
        assertThat(adapter.wantsImageUrl()).isFalse();

        MemoriesAdapter configured = adapter(Map.of("relay.provider.memories.max-bytes", "2000000",
                "relay.provider.memories.keep-gps", "true", "relay.provider.memories.image-form", "URL"));
        assertThat(configured.requirements().maxBytes()).isEqualTo(2_000_000);
        assertThat(configured.requirements().keepGps()).isTrue();
        assertThat(configured.wantsImageUrl()).isTrue();
    }
}
