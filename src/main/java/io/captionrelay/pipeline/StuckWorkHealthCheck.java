package io.captionrelay.pipeline;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health at {@code /observe/health}: DOWN (liveness and readiness) while work is stuck ({@link StuckWork}): a
 * worker blocked for ever or an exchange that never completes, with the items and for how long.
 */
public final class StuckWorkHealthCheck extends AbstractHealthCheck {

    private final StuckWork work;

    public StuckWorkHealthCheck(StuckWork work) {
        super("captionrelay", "stuck-work");
        this.work = work;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("stuck.after.seconds", work.after().toSeconds());
        List<String> stuck = work.stuck();
        builder.detail("stuck", stuck.size());
        if (stuck.isEmpty()) {
            builder.up();
        } else {
            builder.message(stuck.size() + " item(s) stuck with nothing finished for " + work.after().toSeconds()
                    + " s: " + String.join("; ", stuck));
            builder.down();
        }
    }
}
