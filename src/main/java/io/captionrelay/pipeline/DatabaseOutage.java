package io.captionrelay.pipeline;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached (down, restarting, refusing connections) from a statement that failed. */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * True when {@code failure} (or a cause) says the database could not be reached: no connection in time,
     * a connection refused or lost, SQLSTATE class 08 (connection exception) or PostgreSQL's 57P01-57P03
     * (shutting down, starting up).
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** "the database was unreachable: <cause>" for an outage, otherwise the failure's own words. */
    public static String describe(Throwable failure) {
        Throwable shown = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof ConnectException) {
                shown = t; // the database's own words, not a wrapper's
                break;
            }
        }
        String cause = shown.getClass().getSimpleName()
                + (shown.getMessage() == null || shown.getMessage().isBlank() ? "" : ": " + shown.getMessage());
        return isUnreachable(failure) ? "the database was unreachable: " + cause : cause;
    }
}
