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
    void should_count_images_waiting_for_a_provider_apart_from_failed_ones() {
        PipelineProgress progress = new PipelineProgress(() -> 0);
        progress.described();
        progress.pending();
        progress.pending();

        assertThat(progress.failedCount()).isZero();
        assertThat(progress.pendingCount()).isEqualTo(2);
        assertThat(progress.line(0)).startsWith("3 of 3 done (described 1, skipped 0, failed 0, pending 2), ");
        assertThat(progress.summary()).contains("described 1, skipped as already done 0, failed 0, pending 2 (waiting for a provider)");
    }

    @Test
    void should_exit_with_a_code_of_its_own_when_images_only_wait_for_a_provider() {
        assertThat(BatchRun.exitCode(false, 0, 0)).isEqualTo(BatchRun.ALL_DONE).isZero();
        assertThat(BatchRun.exitCode(false, 0, 2)).isEqualTo(BatchRun.PENDING).isEqualTo(3);
        assertThat(BatchRun.exitCode(false, 1, 2)).isEqualTo(BatchRun.FAILED).isEqualTo(1);
        assertThat(BatchRun.exitCode(true, 1, 2)).isEqualTo(BatchRun.UNREAD).isEqualTo(2);
    }

    @Test
    void should_not_promise_a_time_left_before_it_knows_a_rate() {
        PipelineProgress progress = new PipelineProgress(() -> 100);
        assertThat(progress.line(100)).isEqualTo("0 of 100 done (described 0, skipped 0, failed 0), 0.0 images/s");
    }
}
