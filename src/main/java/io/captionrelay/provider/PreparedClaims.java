package io.captionrelay.provider;

import io.captionrelay.model.RelayHeaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Lets one image at a time in this process call a task with given prepared bytes: a second image prepared to the
 * same bytes (a TIFF and a BMP of the same pixels, dropped together) waits, holding no thread, until the first
 * one's exchange is done, then looks in the ledger again ({@link PreparedAnswers}) and finds its answer. The
 * claim is the exchange's until it completes (its answer is then in the ledger), and a retry of the same
 * exchange passes through its own claim.
 */
final class PreparedClaims extends AsyncProcessorSupport {

    private record Claim(String exchangeId, CompletableFuture<Void> done) {
    }

    private final String taskId;
    private final ConcurrentMap<String, Claim> held = new ConcurrentHashMap<>();

    PreparedClaims(String taskId) {
        this.taskId = taskId;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String preparedSha256 = exchange.getProperty(RelayHeaders.PREPARED_SHA256, String.class);
        if (preparedSha256 == null) {
            callback.done(true);
            return true;
        }
        String key = taskId + "/" + preparedSha256;
        Claim mine = new Claim(exchange.getExchangeId(), new CompletableFuture<>());
        Claim other = held.putIfAbsent(key, mine);
        if (other == null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    held.remove(key, mine);
                    mine.done().complete(null);
                }
            });
        } else if (!other.exchangeId().equals(exchange.getExchangeId())) {
            other.done().whenComplete((ignored, failure) -> process(exchange, doneSync -> callback.done(false)));
            return false;
        }
        callback.done(true);
        return true;
    }
}
