package io.captionrelay.events;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The Kafka source's commit: the route calls it once the record's images completed in every sink (or the record
 * went to the dead-letter topic). The consumer never commits on its own (autoCommitEnable=false), so a record a
 * member took but did not finish is read again by the member that gets its partition next.
 */
public final class KafkaOffsets {

    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("the Kafka source needs allowManualCommit=true");
        }
        commit.commit();
    }
}
