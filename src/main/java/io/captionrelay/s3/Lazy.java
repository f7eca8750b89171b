package io.captionrelay.s3;

import java.util.function.Supplier;

/** A client made on first use, once, and closed on stop only if it was made. */
final class Lazy<T extends AutoCloseable> implements Supplier<T> {

    private final Supplier<T> make;
    private T made;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public synchronized T get() {
        if (made == null) {
            made = make.get();
        }
        return made;
    }

    synchronized void closeIfMade() throws Exception {
        if (made != null) {
            made.close();
        }
    }
}
