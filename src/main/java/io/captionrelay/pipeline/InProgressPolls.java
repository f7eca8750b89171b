package io.captionrelay.pipeline;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledBatchPollingConsumer;

/**
 * The poll strategy of every polling source (drop folder, S3 bucket): a poll takes in no more items than the
 * {@link InProgressLimit} has room for, and there is no poll at all while it is full. So a source never holds
 * more than the limit's items at once, whatever the size of the inbox or bucket, and waiting for room costs no
 * look at the source (the next try is one poll interval later).
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

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        int room = limit.room();
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
