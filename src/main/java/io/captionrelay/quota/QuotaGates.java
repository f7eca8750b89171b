package io.captionrelay.quota;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every provider task's quota gate, for progress lines, metrics and health. */
public final class QuotaGates {

    private final List<QuotaGate> gates = new CopyOnWriteArrayList<>();

    public void add(QuotaGate gate) {
        gates.add(gate);
    }

    public List<QuotaGate> all() {
        return List.copyOf(gates);
    }
}
