package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineProgressTest {

    @Test
    void should_show_done_of_total_with_each_outcome() {
        PipelineProgress progress = new PipelineProgress(() -> 7);
        progress.described();
        progress.described();
        progress.skipped();
        progress.failed();

        assertThat(progress.line(7)).startsWith("4 of 11 done (described 2, skipped 1, failed 1), ")
                .contains("images/s");
        assertThat(progress.summary()).contains("4 images").contains("described 2, skipped as already done 1, failed 1")
                .contains("peak heap");
    }

    @Test
    void should_not_promise_a_time_left_before_it_knows_a_rate() {
        PipelineProgress progress = new PipelineProgress(() -> 100);
        assertThat(progress.line(100)).isEqualTo("0 of 100 done (described 0, skipped 0, failed 0), 0.0 images/s");
    }
}
