package io.captionrelay.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.captionrelay.sink.RelayDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes of several threads in one commit, on a real H2 file database opened as the app opens it (WRITE_DELAY=0). */
class GroupCommitTest {

    @TempDir
    Path tmp;

    private RelayDatabase db;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void table() throws SQLException {
        db = new RelayDatabase("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath(), "sa", "", 4);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(20))");
        }
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        db.close();
    }

    @Test
    void should_return_only_once_the_callers_row_is_committed() throws Exception {
        GroupCommit commits = new GroupCommit(db.dataSource());
        AtomicReference<List<Integer>> seenDuringWrite = new AtomicReference<>();

        commits.write(c -> {
            insert(c, 1, "one");
            seenDuringWrite.set(ids(db.dataSource())); // another connection: not committed yet
        });

        assertThat(seenDuringWrite.get()).as("the row is not committed while the work runs").isEmpty();
        assertThat(ids(db.dataSource())).as("a second connection sees the row once write returned").containsExactly(1);
        assertThat(commits.commits()).isEqualTo(1);
    }

    @Test
    void should_commit_callers_that_queue_during_a_commit_together() throws Exception {
        GroupCommit commits = new GroupCommit(db.dataSource());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = callers.submit(() -> write(commits, c -> {
            insert(c, 1, "leader");
            started.countDown();
            waitFor(release);
        }));
        waitFor(started); // the leader runs its work: its group is drawn
        List<Future<?>> followers = new ArrayList<>();
        for (int id = 2; id <= 6; id++) {
            int row = id;
            followers.add(callers.submit(() -> write(commits, c -> insert(c, row, "follower"))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == 5);
        release.countDown();
        leader.get(10, TimeUnit.SECONDS);
        for (Future<?> follower : followers) {
            follower.get(10, TimeUnit.SECONDS);
        }

        assertThat(ids(db.dataSource())).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(commits.commits()).as("six rows, two commits: the leader's, then the five queued meanwhile").isEqualTo(2);
    }

    @Test
    void should_fail_every_caller_of_a_group_whose_commit_fails_and_keep_none_of_their_rows() throws Exception {
        AtomicInteger commitCalls = new AtomicInteger();
        GroupCommit commits = new GroupCommit(failingSecondCommit(db.dataSource(), commitCalls));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = callers.submit(() -> write(commits, c -> {
            insert(c, 1, "first");
            started.countDown();
            waitFor(release);
        }));
        waitFor(started); // the leader runs its work: its group is drawn
        Future<?> second = callers.submit(() -> write(commits, c -> insert(c, 2, "second")));
        Future<?> third = callers.submit(() -> write(commits, c -> insert(c, 3, "third")));
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == 2);
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<?> failed : List.of(second, third)) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SQLException.class).hasMessage("disk full");
        }
        assertThat(commitCalls.get()).as("the second group was one commit").isEqualTo(2);
        assertThat(ids(db.dataSource())).containsExactly(1);
        assertThat(commits.commits()).isEqualTo(1);
    }

    @Test
    void should_fail_only_the_caller_whose_own_statements_fail() throws Exception {
        GroupCommit commits = new GroupCommit(db.dataSource());
        commits.write(c -> insert(c, 1, "there"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = callers.submit(() -> write(commits, c -> {
            insert(c, 2, "leader");
            started.countDown();
            waitFor(release);
        }));
        waitFor(started); // the leader runs its work: its group is drawn
        Future<?> duplicate = callers.submit(() -> write(commits, c -> {
            insert(c, 3, "undone");
            insert(c, 1, "again"); // primary key violation
        }));
        Future<?> good = callers.submit(() -> write(commits, c -> insert(c, 4, "good")));
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == 2);
        release.countDown();

        leader.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("23"));
        assertThat(ids(db.dataSource())).as("the failed caller's rows are undone, its group's others kept").containsExactly(1, 2, 4);
    }

    @Test
    void should_commit_a_note_queued_with_next_in_the_next_write_and_report_its_failure() throws Exception {
        GroupCommit commits = new GroupCommit(db.dataSource());
        CompletableFuture<Exception> noteFailure = new CompletableFuture<>();
        commits.withNext(c -> insert(c, 7, "note"), noteFailure::complete);
        assertThat(ids(db.dataSource())).as("queued, not written").isEmpty();

        commits.write(c -> insert(c, 8, "row"));

        assertThat(ids(db.dataSource())).containsExactly(7, 8);
        assertThat(commits.commits()).isEqualTo(1);
        commits.withNext(c -> insert(c, 7, "again"), noteFailure::complete);
        commits.flush();
        assertThat(noteFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
        assertThat(ids(db.dataSource())).containsExactly(7, 8);
    }

    @Test
    void should_share_one_queue_per_database() {
        assertThat(GroupCommit.of(db.dataSource())).isSameAs(GroupCommit.of(db.dataSource()));
    }

    private static Void write(GroupCommit commits, GroupCommit.Work work) throws SQLException {
        commits.write(work);
        return null;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void insert(Connection c, int id, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO note (id, text) VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, text);
            ps.executeUpdate();
        }
    }

    private static List<Integer> ids(DataSource dataSource) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM note ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /** The database, whose second commit fails as a full disk would (before anything is written). */
    private static DataSource failingSecondCommit(DataSource real, AtomicInteger commitCalls) {
        return (DataSource) Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && commitCalls.incrementAndGet() == 2) {
                                    throw new SQLException("disk full");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
