package org.bankcrm.platform.inbox;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.bankcrm.platform.events.MalformedEventException;

/**
 * Tells a failure that passes by itself (database or broker unreachable, connection closed, timeouts, lock
 * conflicts) from one that a retry cannot mend. The whole cause chain is read, as Hibernate Reactive and Vert.x
 * wrap the driver's error, and PostgreSQL's SQLSTATE decides where one is known.
 */
public final class TransientFailures {
    /** SQLSTATEs of PostgreSQL that a later try can pass: serialization failure, deadlock, lock not available, admin shutdown, crash shutdown, cannot connect now. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03");
    /** SQLSTATE classes: connection exception (08), insufficient resources (53). */
    private static final List<String> TRANSIENT_CLASSES = List.of("08", "53");
    private static final List<String> TRANSIENT_MESSAGES = List.of("connection refused", "connection reset",
            "connection is closed", "connection was closed", "connection closed", "not currently accepting connections",
            "the database system is starting up", "the database system is shutting down", "terminating connection",
            "timed out", "timeout", "broken pipe", "no route to host");

    private TransientFailures() {
    }

    /** Whether a retry of the same work may succeed once the infrastructure is back. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable e : chain(failure)) {
            if (e instanceof MalformedEventException) {
                return false;
            }
        }
        for (Throwable e : chain(failure)) {
            String state = sqlState(e);
            if (state != null && state.length() == 5) {
                if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            if (e instanceof RetriableException || e instanceof ConnectException
                    || e instanceof SocketException || e instanceof UnknownHostException
                    || e instanceof ClosedChannelException
                    || e instanceof TimeoutException) {
                return true;
            }
            String name = e.getClass().getSimpleName();
            // Vert.x's NoStackTraceTimeoutException, Hibernate's LockTimeoutException and JDBCConnectionException, ...
            if (name.endsWith("TimeoutException") || name.endsWith("ConnectionException")) {
                return true;
            }
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (TRANSIENT_MESSAGES.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the record itself cannot be read or applied: no retry, straight to the DLQ. */
    public static boolean isMalformed(Throwable failure) {
        return chain(failure).stream().anyMatch(MalformedEventException.class::isInstance);
    }

    private static List<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable e = failure; e != null && seen.put(e, true) == null; e = e.getCause()) {
            chain.add(e);
        }
        return chain;
    }

    /** The SQLSTATE of a driver error (Vert.x's PgException, JDBC's SQLException, Hibernate's JDBCException). */
    private static String sqlState(Throwable e) {
        for (String accessor : new String[] { "getSqlState", "getSQLState" }) {
            try {
                Method method = e.getClass().getMethod(accessor);
                if (method.getReturnType() == String.class) {
                    return (String) method.invoke(e);
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not a driver error of that kind
            }
        }
        return null;
    }
}
