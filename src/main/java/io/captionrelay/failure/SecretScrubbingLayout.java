package io.captionrelay.failure;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.captionrelay.model.Secret;

/**
 * The console's log pattern, with every configured key masked in the finished line (message and stack trace):
 * the last guard for a key quoted back by a provider and logged by code that did not mask it.
 */
public final class SecretScrubbingLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return Secret.scrub(super.doLayout(event));
    }
}
