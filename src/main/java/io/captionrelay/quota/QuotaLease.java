package io.captionrelay.quota;

import io.captionrelay.model.Secret;
import java.util.concurrent.atomic.AtomicBoolean;

/** A call the {@link QuotaGate} granted: the key to use, and the in-flight slot to give back when the call is over. */
public final class QuotaLease {

    /** A call that leaves later than this after its grant has its record moved (see {@link #sent()}). */
    static final long LATE = 5_000_000;

    /** Moves a late call's record in the send log: its key, its recorded send time and how late it left. */
    interface LateSend {
        void moved(KeyQuota quota, long sentAt, long lateNanos);
    }

    private final KeyQuota quota;
    private final long sentAt;
    private final long granted = System.nanoTime();
    private final LateSend lateSend;
    private final Runnable releaseSlot;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean sent = new AtomicBoolean();

    QuotaLease(KeyQuota quota, long sentAt, LateSend lateSend, Runnable releaseSlot) {
        this.quota = quota;
        this.sentAt = sentAt;
        this.lateSend = lateSend;
        this.releaseSlot = releaseSlot;
    }

    public Secret key() {
        return quota == null ? null : quota.key;
    }

    /**
     * The request is going on the wire now (told by the HTTP client): when that is later than the
     * grant by more than {@link #LATE}, the call's record moves to now. Never fails the call.
     */
    public void sent() {
        long late = System.nanoTime() - granted;
        if (late > LATE && sent.compareAndSet(false, true)) {
            lateSend.moved(quota, sentAt, late);
        }
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            releaseSlot.run();
        }
    }
}
