package io.captionrelay.provider.imaginepro;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The jobs this process is waiting on, in memory: for each message id who waits for it
 * ({@link JobWaiter}s, so no thread waits), when to poll it next (backing off ×1.5 from
 * {@code poll-interval} up to {@code poll-max-interval}), and its deadline.
 *
 * <p>It also holds the job slots: at most {@code max-concurrent-jobs} jobs run at the provider at once.
 * A submit that finds every slot taken waits for one on its own thread (the pipeline's worker, or the
 * source's thread): that is the pipeline's back-pressure, so a large inbox is not read into memory ahead
 * of the provider. Jobs resumed after a restart take a slot too, even beyond the limit.
 */
final class PendingJobs {

    /** A read-only view of one tracked job. */
    record Tracked(String messageId, String keyHint, Instant submittedAt, Instant deadline, Instant lastFetchAt, Instant nextPollAt) {
    }

    private static final class Job {
        final String messageId;
        final String keyHint;
        final Instant submittedAt;
        final Instant deadline;
        Instant nextPollAt;
        Duration interval;
        Instant lastFetchAt;
        final List<JobWaiter> waiters = new ArrayList<>();

        Job(String messageId, String keyHint, Instant submittedAt, Instant deadline, Instant nextPollAt, Duration interval) {
            this.messageId = messageId;
            this.keyHint = keyHint;
            this.submittedAt = submittedAt;
            this.deadline = deadline;
            this.nextPollAt = nextPollAt;
            this.interval = interval;
        }

        Tracked view() {
            return new Tracked(messageId, keyHint, submittedAt, deadline, lastFetchAt, nextPollAt);
        }
    }

    private final Duration pollInterval;
    private final Duration pollMaxInterval;
    private final int maxSlots;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private int slotsInUse;
    private int waitingForSlot;

    PendingJobs(Duration pollInterval, Duration pollMaxInterval, int maxSlots) {
        this.pollInterval = pollInterval;
        this.pollMaxInterval = pollMaxInterval;
        this.maxSlots = maxSlots;
    }

    /**
     * Takes a slot for a new submit, waiting while all are taken. False, without a slot, once
     * {@code stopping} says the app is stopping (no new paid job is started then) or the thread is interrupted.
     */
    synchronized boolean takeSlot(BooleanSupplier stopping) {
        waitingForSlot++;
        try {
            while (true) {
                if (stopping.getAsBoolean()) {
                    return false;
                }
                if (slotsInUse < maxSlots) {
                    slotsInUse++;
                    return true;
                }
                wait(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waitingForSlot--;
        }
    }

    /** Gives back a slot taken for a submit that did not create a job. */
    synchronized void returnSlot() {
        slotsInUse--;
        notifyAll();
    }

    /**
     * Starts tracking a job (a no-op when it is already tracked).
     *
     * @param slotTaken true when the caller took a slot for it ({@link #takeSlot}); false for a resumed job
     */
    synchronized void track(String messageId, String keyHint, Instant submittedAt, Instant deadline, Instant firstPollAt,
                            boolean slotTaken) {
        if (jobs.containsKey(messageId)) {
            if (slotTaken) {
                returnSlot();
            }
            return;
        }
        if (!slotTaken) {
            slotsInUse++;
        }
        jobs.put(messageId, new Job(messageId, keyHint, submittedAt, deadline, firstPollAt, pollInterval));
    }

    /** Adds a waiter to a tracked job; false when the job is not tracked (never was, or has just ended). */
    synchronized boolean await(String messageId, JobWaiter waiter) {
        Job job = jobs.get(messageId);
        if (job == null) {
            return false;
        }
        job.waiters.add(waiter);
        return true;
    }

    synchronized Optional<Tracked> get(String messageId) {
        Job job = jobs.get(messageId);
        return job == null ? Optional.empty() : Optional.of(job.view());
    }

    /** The jobs whose next poll is due. */
    synchronized List<String> due(Instant now) {
        List<String> due = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (!now.isBefore(job.nextPollAt)) {
                due.add(job.messageId);
            }
        }
        return due;
    }

    /**
     * A fetch was made and the job goes on: the next poll comes no sooner than the current interval
     * (or {@code atLeast}, when the provider asked for a longer wait), and the interval grows.
     */
    synchronized void polled(String messageId, Instant now, Duration atLeast) {
        Job job = jobs.get(messageId);
        if (job == null) {
            return;
        }
        job.lastFetchAt = now;
        Duration wait = atLeast != null && atLeast.compareTo(job.interval) > 0 ? atLeast : job.interval;
        job.nextPollAt = now.plus(wait);
        long grown = Math.round(job.interval.toMillis() * 1.5);
        job.interval = Duration.ofMillis(Math.min(grown, pollMaxInterval.toMillis()));
    }

    /** Brings a job's next poll forward to {@code at} (a webhook said something happened). */
    synchronized void pollBy(String messageId, Instant at) {
        Job job = jobs.get(messageId);
        if (job != null && at.isBefore(job.nextPollAt)) {
            job.nextPollAt = at;
        }
    }

    /** Stops tracking a job and frees its slot; returns the exchanges that waited for it. */
    synchronized List<JobWaiter> end(String messageId) {
        Job job = jobs.remove(messageId);
        if (job == null) {
            return List.of();
        }
        slotsInUse--;
        notifyAll();
        return List.copyOf(job.waiters);
    }

    /** Stops tracking every job (the provider's circuit is open); returns every waiting exchange. */
    synchronized List<JobWaiter> endAll() {
        List<JobWaiter> waiters = new ArrayList<>();
        jobs.values().forEach(job -> waiters.addAll(job.waiters));
        slotsInUse -= jobs.size();
        jobs.clear();
        notifyAll();
        return waiters;
    }

    synchronized int size() {
        return jobs.size();
    }

    /** Submits waiting for a free slot. */
    synchronized int waitingForSlot() {
        return waitingForSlot;
    }
}
