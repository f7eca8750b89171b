package io.captionrelay.s3;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** A client made on first use, once (then handed to {@code onMade}), and closed on stop only if it was made. */
final class Lazy<T extends AutoCloseable> implements Supplier<T> {

    private final Supplier<T> make;
    private final Consumer<T> onMade;
    private T made;

    Lazy(Supplier<T> make, Consumer<T> onMade) {
        this.make = make;
        this.onMade = onMade;
    }

    @Override
    public synchronized T get() {
        if (made == null) {
            made = make.get();
            onMade.accept(made);
        }
        return made;
    }

    synchronized void closeIfMade() throws Exception {
        if (made != null) {
            made.close();
        }
    }
}
