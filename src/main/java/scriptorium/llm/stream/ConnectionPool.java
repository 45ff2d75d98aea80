package scriptorium.llm.stream;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections, per origin, in a lock-free deque: a call takes the one used last (the least likely
 * to have been closed by its server), a finished call puts its connection back on the same end. Nothing scans the
 * pool and no thread tends it: an idle connection past {@link #maxIdle} is closed when a call meets it, and every
 * return closes the oldest one if it has expired, so a pool that shrinks empties from its cold end.
 *
 * <p>A pooled connection may still have been closed by the server in the meantime: {@link EventStream} then sends
 * its request again on a new connection. Thread-safe.
 */
final class ConnectionPool {

    /** Idle connections kept per origin: above, a returned connection is closed. */
    private static final int MAX_IDLE_PER_ORIGIN = 4096;

    private record Idle(ConcurrentLinkedDeque<Connection> connections, AtomicInteger count) {}

    private final ConcurrentHashMap<Endpoint.Origin, Idle> idle = new ConcurrentHashMap<>();
    private final long maxIdle;
    private volatile boolean closed;

    /** @param maxIdle how long a connection may wait for its next call: under the servers' own keep-alive timeout */
    ConnectionPool(Duration maxIdle) {
        this.maxIdle = maxIdle.toNanos();
    }

    /** A live-looking idle connection to {@code origin}, or null: the caller then opens one. */
    Connection take(Endpoint.Origin origin) {
        Idle pool = idle.get(origin);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection connection; (connection = pool.connections().pollFirst()) != null; ) {
            pool.count().decrementAndGet();
            if (!connection.isClosed() && now - connection.idleSince() < maxIdle) {
                return connection;
            }
            connection.close(); // expired: the ones behind it waited longer still, and are closed as met
        }
        return null;
    }

    /** Puts a connection whose last response was read whole back for the next call. */
    void release(Connection connection) {
        Idle pool = idle.computeIfAbsent(connection.origin(),
                origin -> new Idle(new ConcurrentLinkedDeque<>(), new AtomicInteger()));
        long now = System.nanoTime();
        if (closed) {
            connection.close();
            return;
        }
        if (pool.count().incrementAndGet() > MAX_IDLE_PER_ORIGIN) {
            pool.count().decrementAndGet();
            connection.close();
            return;
        }
        connection.idleSince(now);
        pool.connections().offerFirst(connection);
        Connection oldest = pool.connections().peekLast();
        if (oldest != null && now - oldest.idleSince() >= maxIdle && pool.connections().removeLastOccurrence(oldest)) {
            pool.count().decrementAndGet();
            oldest.close();
        }
    }

    /** Closes every idle connection, and from now on each one a call gives back. */
    void close() {
        closed = true;
        for (Idle pool : idle.values()) {
            for (Connection connection; (connection = pool.connections().pollFirst()) != null; ) {
                pool.count().decrementAndGet();
                connection.close();
            }
        }
    }
}
