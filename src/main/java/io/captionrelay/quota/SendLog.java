package io.captionrelay.quota;

import java.time.Duration;
import java.util.List;

/**
 * The real send times of each key, kept for its longest quota window: in this process, or in a database
 * shared by every instance using the key. {@link SlidingWindows} decides from them.
 */
public interface SendLog {

    /**
     * Records a call of {@code key} at this moment when every limit has room for it.
     *
     * @return the nanoseconds until one would fit (0 when the call was recorded: it may go now), and when
     *         recorded, the send time as this log keeps it (for {@link #movedLater})
     */
    Attempt trySend(String key, List<QuotaLimit> limits, Duration margin);

    /**
     * The call recorded at {@code sentAt} left {@code byNanos} later than recorded (a cold HTTP client's first
     * connection, a busy machine): its record moves, so that the windows count it from when it really left.
     */
    void movedLater(String key, long sentAt, long byNanos);

    /**
     * What {@link #trySend} decided: the wait, the send time recorded, and how many more calls every limit
     * allowed once it was recorded.
     */
    record Attempt(long waitNanos, long sentAt, long roomAfter) {
    }

    /** The nanoseconds until a call of {@code key} would fit, recording nothing; 0 when one fits now. */
    long waitFor(String key, List<QuotaLimit> limits, Duration margin);

    /** Calls of {@code key} recorded in the last {@code window}. */
    long sentWithin(String key, Duration window);
}
