package io.richmond.sdk.amqp;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A handler's failure that passes by itself: its database restarting, refusing connections for a moment or
 * dropping them. The message is not at fault, so {@link MessageDispatcher} puts it back on its queue to be handled
 * again instead of sending it to {@code .failures}, where it would wait for a person.
 */
public final class TemporaryFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TemporaryFailure(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }

    /**
     * Whether {@code failure}, or one of its causes, is a database error that goes away without a change to the
     * message: JDBC's transient and recoverable errors; one without an SQLSTATE, which the pool or the driver raises
     * about the connection (HikariCP's "Connection is closed") rather than the database about the data; and the
     * SQLSTATE classes of a lost connection (08), an operator's shutdown or restart (57P), exhausted resources (53),
     * a serialization failure or a deadlock.
     */
    public static boolean isTemporary(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }
}
