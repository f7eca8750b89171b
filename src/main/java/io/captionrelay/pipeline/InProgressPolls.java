package io.captionrelay.pipeline;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * The poll strategy of every polling source (drop folder, S3 bucket): a poll takes in no more items than the
 * {@link InProgressLimit} has room for, and there is no poll at all while it is full. So a source never holds
 * more than the limit's items at once, whatever the size of the inbox or bucket, and waiting for room costs no
 * look at the source.
 */
public final class InProgressPolls implements PollingConsumerPollStrategy {

    /** The bean name routes give as {@code pollStrategy=#inProgressPolls}. */
    public static final String BEAN = "inProgressPolls";

    private final InProgressLimit limit;
    /** Each consumer's own page size (its maxMessagesPerPoll as configured; 0 for none), never exceeded. */
    private final java.util.Map<Consumer, Integer> pages = new java.util.concurrent.ConcurrentHashMap<>();

    public InProgressPolls(InProgressLimit limit) {
        this.limit = limit;
    }

    /**
     * While the limit is full the consumer's thread waits here (no CPU, no look at the source) for room for a
     * quarter of the limit, at most one poll interval: so a poll takes a page, not one image at a time, and
     * starts as soon as there is room for one rather than a whole interval later.
     */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        long interval = consumer instanceof ScheduledPollConsumer scheduled ? scheduled.getDelay() : 1_000;
        int room = limit.room();
        if (room <= 0) {
            try {
                room = limit.awaitRoom(Math.max(1, limit.images() / 4), interval);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (room <= 0) {
            return false;
        }
        if (consumer instanceof ScheduledBatchPollingConsumer batch) {
            int page = pages.computeIfAbsent(consumer, c -> batch.getMaxMessagesPerPoll());
            batch.setMaxMessagesPerPoll(page > 0 ? Math.min(page, room) : room);
        }
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // nothing to do: the items taken in hold their room until they complete
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        return false; // as the default strategy: the error is logged by the consumer, and the next poll tries again
    }
}
