package io.captionrelay.provider;

import io.captionrelay.quota.QuotaLease;
import org.apache.camel.component.http.HttpComponent;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * Tells a quota lease the moment its request has really gone on the wire: an HttpClient exec interceptor
 * placed just before the transport step (after the connection is made) wraps the request's body so that
 * {@link QuotaLease#sent()} is called once its last byte is written (at once for a request without a
 * body). The route names the lease on its thread just before the call ({@link #expect}); camel-http calls
 * HttpClient on that same thread.
 */
public final class SentOnTheWire {

    private static final ThreadLocal<QuotaLease> NEXT = new ThreadLocal<>();

    private SentOnTheWire() {
    }

    /** Adds the interceptor to the HttpClient of every endpoint of {@code http}. */
    public static HttpComponent install(HttpComponent http) {
        http.setHttpClientConfigurer(builder -> builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(),
                "captionrelay-sent-on-the-wire", (request, scope, chain) -> {
                    QuotaLease lease = NEXT.get();
                    if (lease != null) {
                        NEXT.remove();
                        if (request.getEntity() == null) {
                            lease.sent();
                        } else {
                            request.setEntity(new HttpEntityWrapper(request.getEntity()) {
                                @Override
                                public void writeTo(OutputStream out) throws IOException {
                                    super.writeTo(out);
                                    out.flush();
                                    lease.sent();
                                }
                            });
                        }
                    }
                    return chain.proceed(request, scope);
                }));
        return http;
    }

    /** The next request this thread sends is {@code lease}'s. */
    public static void expect(QuotaLease lease) {
        NEXT.set(lease);
    }

    /** Forgets a lease whose request never reached the wire. */
    public static void clear() {
        NEXT.remove();
    }
}
