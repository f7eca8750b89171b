package io.captionrelay.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock extension that spoils a fixed share of answers, by request number so runs repeat:
 * every 10th an HTTP 500, every 20th (offset 7) a dropped connection, every 20th (offset 13) an answer
 * slower than the caller's timeout, and requests {@code burstFrom}..{@code burstFrom+4} a 429 with
 * {@code Retry-After: 1}. Everything else is the stub's normal answer.
 */
public final class FaultInjector implements ResponseDefinitionTransformerV2 {

    private final AtomicInteger requests = new AtomicInteger();
    private final int slowMillis;
    private final int burstFrom;

    public FaultInjector(int slowMillis, int burstFrom) {
        this.slowMillis = slowMillis;
        this.burstFrom = burstFrom;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        int n = requests.incrementAndGet();
        ResponseDefinition normal = event.getResponseDefinition();
        if (n >= burstFrom && n < burstFrom + 5) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429).withHeader("Retry-After", "1")
                    .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}").build();
        }
        if (n % 10 == 0) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}").build();
        }
        if (n % 20 == 7) {
            return ResponseDefinitionBuilder.like(normal).withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (n % 20 == 13) {
            return ResponseDefinitionBuilder.like(normal).withFixedDelay(slowMillis).build();
        }
        return normal;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public String getName() {
        return "fault-injector";
    }
}
