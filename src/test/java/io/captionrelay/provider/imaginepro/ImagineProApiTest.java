package io.captionrelay.provider.imaginepro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.config.Json;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.provider.HttpReply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How every documented answer reads, without Camel. */
class ImagineProApiTest {

    private final ImagineProApi api = new ImagineProApi(Json.mapper(), ImagineProSettings.DEFAULT_POLL_PATH);

    private static HttpReply reply(int status, String body) {
        return new HttpReply(status, body, Map.of("Retry-After", "7"));
    }

    private RelayException submitFailure(int status, String body) {
        return catchThrowableOfType(RelayException.class, () -> api.readSubmit(reply(status, body)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | {"message": ["url must be a URL address"], "error": "Bad Request", "statusCode": 400} | BAD_INPUT
            400 | {"message": "Banned prompt detected", "error": "Bad Request", "statusCode": 400}     | REFUSED_CONTENT
            401 | {"message": "Unauthorized", "statusCode": 401}                                       | AUTH
            401 | {"message": "Insufficient credits", "error": "Unauthorized", "statusCode": 401}      | OUT_OF_CREDIT
            429 | {"message": "Too Many Requests", "statusCode": 429}                                  | RATE_LIMITED
            500 | {"message": "Internal server error", "statusCode": 500}                              | TRANSIENT
            503 | <html>bad gateway</html>                                                             | TRANSIENT
            200 | {"success": false, "error": "invalid url"}                                           | BAD_INPUT
            200 | {"success": false, "error": "not enough credits"}                                    | OUT_OF_CREDIT
            200 | {"success": false, "error": "server busy, try again later"}                          | TRANSIENT
            """)
    void should_map_every_documented_submit_answer_to_its_class(int status, String body, ErrorClass expected) {
        RelayException e = submitFailure(status, body);

        assertThat(e).isNotNull().isNotInstanceOf(ImagineProApi.UnreadableAcceptance.class);
        assertThat(e.errorClass()).isEqualTo(expected);
        if (expected == ErrorClass.RATE_LIMITED) {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"message": ["url must be a URL address"], "error": "Bad Request", "statusCode": 400} | Bad Request: url must be a URL address
            {"message": "Insufficient credits", "error": "Unauthorized", "statusCode": 401}      | Unauthorized: Insufficient credits
            """)
    void should_quote_the_error_body_in_the_message(String body, String expected) {
        assertThat(submitFailure(400, body)).hasMessageContaining(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <html>oops</html>
            {"success": true}
            {"messageId": ""}
            []
            """)
    void should_read_an_unreadable_acceptance_as_transient_and_not_to_be_retried(String body) {
        RelayException e = submitFailure(200, body);

        assertThat(e).isInstanceOf(ImagineProApi.UnreadableAcceptance.class);
        assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"status": "PROCESSING", "progress": 45}     | PROCESSING | 45
            {"status": "queued", "progress": "12"}       | QUEUED     | 12
            {"status": "SUBMITTED", "progress": "7.6%"}  | SUBMITTED  | 8
            {"status": "PROCESSING", "progress": "soon"} | PROCESSING |
            {"status": "DONE"}                           | DONE       |
            """)
    void should_read_status_and_progress_as_number_or_numeric_string(String body, String status, Integer progress)
            throws RelayException {
        ImagineProApi.JobMessage message = api.readMessage("m1", reply(200, body));

        assertThat(message.status()).isEqualTo(status);
        assertThat(message.progress()).isEqualTo(progress);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            404 | {"message": "Message not found", "statusCode": 404} | TRANSIENT
            400 | {"message": "invalid messageId", "statusCode": 400} | BAD_INPUT
            401 | {"message": "Unauthorized", "statusCode": 401}      | AUTH
            429 | {}                                                  | RATE_LIMITED
            500 | {"message": "retry later", "statusCode": 500}       | TRANSIENT
            200 | {"progress": 10}                                    | TRANSIENT
            200 | not json at all                                     | TRANSIENT
            """)
    void should_map_every_fetch_answer_to_its_class(int status, String body, ErrorClass expected) {
        RelayException e = catchThrowableOfType(RelayException.class, () -> api.readMessage("m1", reply(status, body)));

        assertThat(e).isNotNull();
        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e instanceof ImagineProApi.UnknownMessage).isEqualTo(status == 404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Banned prompt detected                      | REFUSED_CONTENT
            Our AI moderators flagged this image        | REFUSED_CONTENT
            Failed to download image from url           | BAD_INPUT
            Insufficient credits                        | OUT_OF_CREDIT
            Midjourney timed out                        | TRANSIENT
            ''                                          | TRANSIENT
            """)
    void should_class_a_failed_job_by_its_error_text(String error, ErrorClass expected) {
        assertThat(ImagineProErrors.failureClass(error)).isEqualTo(expected);
    }
}
