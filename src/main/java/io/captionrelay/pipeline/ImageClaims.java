package io.captionrelay.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets one exchange at a time work on a given image hash in this process, so two copies of the same
 * image arriving together are described once: the second waits, then finds the first's result in
 * the {@link CaptionLedger}. Claims are released from whichever thread completes the exchange.
 */
public final class ImageClaims {

    private final ConcurrentMap<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

    /** Blocks while another exchange holds the same hash; returns the claim to release when done. */
    public Claim claim(String imageSha256) {
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = held.putIfAbsent(imageSha256, mine);
            if (other == null) {
                return new Claim(imageSha256, mine);
            }
            other.join();
        }
    }

    public final class Claim {
        private final String imageSha256;
        private final CompletableFuture<Void> done;

        private Claim(String imageSha256, CompletableFuture<Void> done) {
            this.imageSha256 = imageSha256;
            this.done = done;
        }

        public void release() {
            if (held.remove(imageSha256, done)) {
                done.complete(null);
            }
        }
    }
}
