package io.captionrelay.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The writes of several threads to one database, committed together: each caller's statements are queued; the
 * first caller that finds no commit under way runs everything queued on one connection, in one transaction, and
 * commits it; callers that arrive meanwhile queue for the next commit. Every caller returns only after the commit
 * that holds its rows returned (with H2's {@code WRITE_DELAY=0}: written to the file), so acknowledging an image
 * afterwards is as safe as with a commit of its own; there are just fewer commits (docs/durability.md).
 *
 * <p>A caller whose own statements fail is rolled back to its savepoint and gets its exception; the others of its
 * group still commit. A commit that fails fails every caller of that group, and none of their rows stays.
 */
public final class GroupCommit {

    /** One caller's statements, run on the group's connection (auto-commit off); they must not commit or close it. */
    @FunctionalInterface
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    private static final Map<DataSource, GroupCommit> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

    private final DataSource dataSource;
    private final ReentrantLock committing = new ReentrantLock();
    private final List<Queued> queued = new ArrayList<>(); // guarded by itself
    private final AtomicLong commits = new AtomicLong();

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The one commit queue of this database, shared by every writer of it (ledger, JDBC sink, paid calls). */
    public static GroupCommit of(DataSource dataSource) {
        return BY_DATABASE.computeIfAbsent(dataSource, GroupCommit::new);
    }

    /** Runs {@code work} in the next group's transaction; returns once that transaction is committed. */
    public void write(Work work) throws SQLException {
        Queued mine = new Queued(work);
        synchronized (queued) {
            queued.add(mine);
        }
        committing.lock();
        try {
            if (!mine.done) {
                commitQueued();
            }
        } finally {
            committing.unlock();
        }
        mine.rethrow();
    }

    /**
     * Queues {@code work} for the next commit, whoever runs it, without waiting for it: for a best-effort note that a
     * write of the caller's own follows at once (and commits it). A failure of it goes to {@code failed}, from the
     * thread that ran the commit.
     */
    public void withNext(Work work, Consumer<Exception> failed) {
        synchronized (queued) {
            queued.add(new Queued(work, failed));
        }
    }

    /** Commits whatever is queued ({@link #withNext} notes no write followed), returning once it is committed. */
    public void flush() throws SQLException {
        write(c -> { });
    }

    /** How many commits ran so far (each holding one or more callers' writes). */
    long commits() {
        return commits.get();
    }

    /** How many writes wait for the next commit. */
    int waiting() {
        synchronized (queued) {
            return queued.size();
        }
    }

    private void commitQueued() {
        List<Queued> group;
        synchronized (queued) {
            group = new ArrayList<>(queued);
            queued.clear();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Queued> written = new ArrayList<>(group.size());
                for (Queued q : group) {
                    // the first needs no savepoint: rolling back the whole transaction undoes only its own statements
                    Savepoint before = written.isEmpty() ? null : c.setSavepoint();
                    try {
                        q.work.run(c);
                        written.add(q);
                    } catch (SQLException | RuntimeException own) {
                        if (before == null) {
                            c.rollback();
                        } else {
                            c.rollback(before);
                        }
                        q.finish(own);
                    }
                }
                c.commit();
                commits.incrementAndGet();
                written.forEach(q -> q.finish(null));
            } catch (SQLException | RuntimeException commitFailed) {
                rollback(c, commitFailed);
                failOpen(group, commitFailed);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException noConnection) {
            failOpen(group, noConnection);
        } finally {
            failOpen(group, new IllegalStateException("the group commit stopped before this write was committed"));
        }
    }

    private static void failOpen(List<Queued> group, Exception failure) {
        for (Queued q : group) {
            if (!q.done) {
                q.finish(failure);
            }
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A caller's work and, once its group is over, how it ended (read after taking the lock its group held). */
    private static final class Queued {
        private final Work work;
        private final Consumer<Exception> unawaited; // null: a caller waits for this write
        private volatile boolean done;
        private volatile Exception failure;

        Queued(Work work) {
            this(work, null);
        }

        Queued(Work work, Consumer<Exception> unawaited) {
            this.work = work;
            this.unawaited = unawaited;
        }

        void finish(Exception failed) {
            failure = failed;
            done = true;
            if (failed != null && unawaited != null) {
                unawaited.accept(failed);
            }
        }

        void rethrow() throws SQLException {
            Exception f = failure;
            if (f == null) {
                return;
            }
            if (f instanceof SQLException sql) {
                throw sql; // the database's own exception (its class tells an outage), the same for a whole failed group
            }
            if (f instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(f.getMessage(), f);
        }
    }
}
