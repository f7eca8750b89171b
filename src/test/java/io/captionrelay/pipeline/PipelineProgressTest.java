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

    @Test
    void should_tell_the_time_left_to_the_second_under_an_hour_and_a_slow_pace_in_images_per_minute() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000);
        PipelineProgress progress = new PipelineProgress(() -> 100, now::get);
        progress.described();
        now.addAndGet(12_050_000_000L); // one image every 12.05 s: 5 a minute and a margin
        progress.described();

        // 100 images at 4.98 a minute: 1205 s, which whole minutes showed as "20 min"
        assertThat(progress.line(100)).isEqualTo("2 of 102 done (described 2, skipped 0, failed 0), 5.0 images/min,"
                + " about 20 min 05 s left");
    }

    @Test
    void should_never_show_zero_images_a_second_beside_a_time_left() {
        assertThat(PipelineProgress.pace(1 / 12.05)).isEqualTo("5.0 images/min");
        assertThat(PipelineProgress.pace(1 / 600.0)).isEqualTo("6.0 images/h");
        assertThat(PipelineProgress.pace(21.5)).isEqualTo("21.5 images/s");
        assertThat(PipelineProgress.human(java.time.Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(PipelineProgress.human(java.time.Duration.ofSeconds(3_599))).isEqualTo("59 min 59 s");
        assertThat(PipelineProgress.human(java.time.Duration.ofSeconds(7_260))).isEqualTo("2 h 01 min");
    }

    @Test
    void should_report_every_interval_while_calls_wait_for_quota_though_nothing_finished() {
        PipelineProgress progress = new PipelineProgress(() -> 3);
        java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean(true);
        progress.showAlso(() -> "apiverve 5 of 5/1m; 3 waiting for quota, next call in 41 s", waiting::get);
        try (io.captionrelay.testing.LogRecorder log = new io.captionrelay.testing.LogRecorder(PipelineProgress.class.getName())) {
            progress.report();
            progress.report();
            waiting.set(false);
            progress.report();

            assertThat(log.lines()).hasSize(2).allMatch(line -> line.contains("3 waiting for quota, next call in 41 s"));
        }
    }
}
