package io.captionrelay.quota;

import io.captionrelay.model.RelayHeaders;
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
        gate.acquire().whenComplete((lease, failure) -> {
            if (failure != null) {
                exchange.setException(failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure);
            } else {
                exchange.setProperty(leaseProperty, lease);
                exchange.setProperty(WAITED, System.nanoTime() - started);
            }
            callback.done(false);
        });
        return false;
    }
}
