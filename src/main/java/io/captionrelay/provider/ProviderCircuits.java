package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a provider whose key was refused or whose credit ran out: every later call fails at
 * once with the same error class, so its images wait in the pending area instead of being failed,
 * and no further request is sent until the key or credit is fixed and CaptionRelay restarted.
 */
public final class ProviderCircuits {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCircuits.class);

    private final ConcurrentMap<String, RelayException> open = new ConcurrentHashMap<>();

    /** Throws when the provider is stopped. */
    public void check(String provider) throws RelayException {
        RelayException why = open.get(provider);
        if (why != null) {
            throw new RelayException(why.errorClass(), provider + " is stopped (" + why.getMessage() + ")");
        }
    }

    /** Stops the provider when the failure means calling again cannot help. */
    public void trip(String provider, RelayException failure) {
        ErrorClass errorClass = failure.errorClass();
        if (errorClass != ErrorClass.AUTH && errorClass != ErrorClass.OUT_OF_CREDIT) {
            return;
        }
        if (open.putIfAbsent(provider, failure) == null) {
            LOG.error("Provider {} stopped: {}: {}. Its images wait in the pending area; fix the key or credit and restart.",
                    provider, errorClass.label(), failure.getMessage());
        }
    }

    public boolean isOpen(String provider) {
        return open.containsKey(provider);
    }

    /** provider → why it is stopped, for health and status output. */
    public Map<String, String> openCircuits() {
        Map<String, String> states = new TreeMap<>();
        open.forEach((provider, why) -> states.put(provider, why.errorClass().label() + ": " + why.getMessage()));
        return states;
    }
}
