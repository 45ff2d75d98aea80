package scriptorium.events.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import scriptorium.config.EventLogSettings;
import scriptorium.events.EventLogFull;
import scriptorium.events.EventLogUnavailable;

/**
 * Connections to Redis, and the one place commands are sent: counted (round trips in {@code /metrics}) and bounded
 * (every wait ends within the settings' timeout). Two pools: short commands share a few connections, each held for
 * one round trip; a reader's blocking XREAD holds one of the other pool while it waits, on its own virtual thread.
 */
final class Redis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Redis.class);
    /** The longest one blocking read waits before it is sent again: a reader's poll loops over such waits. */
    static final Duration BLOCK_STEP = Duration.ofSeconds(5);

    private final JedisPool commands;
    private final JedisPool blocking;
    private final Duration timeout;
    private final Counter roundTrips;
    private final HostAndPort address;
    private final redis.clients.jedis.JedisClientConfig listening;

    Redis(EventLogSettings.Redis settings, MeterRegistry meters) {
        this.timeout = settings.timeout();
        int millis = (int) settings.timeout().toMillis();
        var config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                .blockingSocketTimeoutMillis(millis + (int) BLOCK_STEP.toMillis()).database(settings.database())
                .ssl(settings.tls()).clientName("scriptorium").autoNegotiateProtocol(false);
        if (!settings.password().value().isEmpty()) {
            config.password(settings.password().value());
        }
        var address = new HostAndPort(settings.host(), settings.port());
        // Sized for thousands of runs appending at once on a busy machine: a connection is held for one round
        // trip, but a starved virtual thread may hold it longer (the load benchmark exhausted 256 at 1,000 runs).
        this.commands = new JedisPool(pool(2048, settings.timeout()), address, config.build());
        this.blocking = new JedisPool(pool(8192, settings.timeout()), address, config.build());
        this.roundTrips = meters.counter("scriptorium.redis.round.trips");
        // The cancel channel's connection waits for messages as long as the instance lives: no read timeout.
        this.listening = config.socketTimeoutMillis(0).blockingSocketTimeoutMillis(0).build();
        this.address = address;
    }

    /** A connection of its own for a pub/sub subscription (no read timeout); the caller closes it. */
    Jedis subscriber() {
        return new Jedis(address, listening);
    }

    private static GenericObjectPoolConfig<Jedis> pool(int size, Duration wait) {
        var pool = new GenericObjectPoolConfig<Jedis>();
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        pool.setMinIdle(0);
        pool.setMaxWait(wait);
        pool.setJmxEnabled(false);
        pool.setTestWhileIdle(false);
        return pool;
    }

    /** One command (or script) on a short-lived connection; throws what Jedis throws. */
    <T> T call(Function<Jedis, T> command) {
        roundTrips.increment();
        try (Jedis jedis = commands.getResource()) {
            return command.apply(jedis);
        }
    }

    /** One blocking command, on a connection of the readers' pool. */
    <T> T block(Function<Jedis, T> command) {
        roundTrips.increment();
        try (Jedis jedis = blocking.getResource()) {
            return command.apply(jedis);
        }
    }

    /**
     * {@code command} sent again while Redis cannot be reached (it restarts, a connection broke), until the
     * timeout: a write retried this way must be idempotent (the scripts are: they take the expected seq).
     *
     * @throws EventLogUnavailable when Redis stayed unreachable for the whole timeout
     */
    <T> T retrying(String what, Function<Jedis, T> command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20;
        while (true) {
            try {
                return call(command);
            } catch (JedisException e) {
                if (!unreachable(e)) {
                    throw refused(what, e);
                }
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw new EventLogUnavailable("Redis unreachable for " + timeout.toSeconds() + " s while "
                            + what + ": " + e.getMessage(), e);
                }
                log.debug("Redis unreachable while {}; trying again in {} ms", what, pause);
                sleep(pause);
                pause = Math.min(pause * 2, 500);
            }
        }
    }

    /** A broken connection, or a Redis that restarted and is still loading its data: worth trying again. */
    static boolean unreachable(JedisException e) {
        return e instanceof JedisConnectionException || String.valueOf(e.getMessage()).startsWith("LOADING");
    }

    private static RuntimeException refused(String what, JedisException e) {
        if (String.valueOf(e.getMessage()).contains("OOM")) { // maxmemory with noeviction: docs/deploy.md
            return new EventLogFull("Redis is full (maxmemory) while " + what);
        }
        return new EventLogUnavailable("Redis refused " + what + ": " + e.getMessage(), e);
    }

    Duration timeout() {
        return timeout;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailable("interrupted while waiting for Redis", e);
        }
    }

    @Override
    public void close() {
        blocking.close();
        commands.close();
    }
}
