package io.captionrelay.quota;

import io.captionrelay.model.RelayHeaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The route step that waits for a {@link QuotaGate}: the exchange is parked (no thread held) until
 * the gate grants a lease, which is then kept in an exchange property for the call to use and release.
 */
public final class QuotaStep extends AsyncProcessorSupport {

    /** Exchange property: nanoseconds this exchange waited for quota in its last pass. */
    public static final String WAITED = RelayHeaders.QUOTA_WAITED;

    private final QuotaGate gate;
    private final String leaseProperty;

    public QuotaStep(QuotaGate gate, String leaseProperty) {
        this.gate = gate;
        this.leaseProperty = leaseProperty;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        long started = System.nanoTime();
        BiConsumer<QuotaLease, Throwable> go = (lease, failure) -> {
            if (failure != null) {
                exchange.setException(failure instanceof CompletionException ? failure.getCause() : failure);
            } else {
                exchange.setProperty(leaseProperty, lease);
                exchange.setProperty(WAITED, System.nanoTime() - started);
            }
            callback.done(false);
        };
        CompletableFuture<QuotaLease> lease = gate.acquire();
        if (lease.isDone()) {
            // granted before this thread could let go: the call still goes on the gate's thread, never on the
            // thread that brought the exchange here (a source's or a worker's), which must not wait on a provider
            lease.whenCompleteAsync(go, gate.grantedOn());
        } else {
            lease.whenComplete(go);
        }
        return false;
    }
}
