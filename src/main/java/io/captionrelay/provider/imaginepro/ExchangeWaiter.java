package io.captionrelay.provider.imaginepro;

import io.captionrelay.provider.CamelHttp;
import io.captionrelay.model.ProviderAnswer;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/** An exchange parked on a job: the answer becomes its body, a failure its exception, then routing goes on. */
record ExchangeWaiter(Exchange exchange, AsyncCallback callback) implements JobWaiter {

    @Override
    public void ended(ProviderAnswer answer, Exception failure, boolean synchronously) {
        exchange.getMessage().removeHeaders("*", CamelHttp.KEEP);
        if (failure != null) {
            exchange.setException(failure);
        } else {
            exchange.getMessage().setBody(answer);
        }
        callback.done(synchronously);
    }

    @Override
    public void onCompleted(Runnable action) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange completed) {
                action.run();
            }
        });
    }
}
