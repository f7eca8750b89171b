package io.captionrelay.provider.imaginepro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ImaginePro's job state machine is plain Java: only the route classes and {@link ExchangeWaiter} speak Camel. */
class JobStateWithoutCamelTest {

    @ParameterizedTest
    @ValueSource(strings = {"ImagineProJobs", "PendingJobs", "JobRecords", "JobTable", "WebhookHints", "KeyHints", "JobWaiter", "JobFetches", "JobFailed", "UnansweredSubmits"})
    void should_keep_the_job_state_free_of_camel_types(String type) throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/captionrelay/provider/imaginepro", type + ".java"));

        assertThat(source).doesNotContain("org.apache.camel");
    }
}
