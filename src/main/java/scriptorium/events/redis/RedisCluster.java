package scriptorium.events.redis;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import scriptorium.config.EventLogSettings;
import scriptorium.events.Cluster;
import scriptorium.events.EventLog;
import scriptorium.store.Ids;

/**
 * Instances sharing runs through one Redis: this one's lease (a key that expires unless renewed, covering every
 * run it holds: one renewal per instance, not per run), cancels carried by a pub/sub channel, and the watch on the
 * others' leases. Owns the connections and the {@link RedisEventLog} over them.
 *
 * <p>An instance is taken for dead once its lease key has been missing for two renewal periods as seen from
 * here: a lease lost with a Redis restart is renewed within one period by a live instance, so only a dead one
 * stays missing. With the default 5 s lease, a dead instance's runs are ended within about 8 s.
 */
public final class RedisCluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    private final Redis redis;
    private final Keys keys = Keys.DEFAULT;
    private final String instance = Ids.next("i-");
    private final RedisEventLog events;
    private final Duration lease;
    private final Duration renewEvery;
    private final String cancelSha = Scripts.sha(Scripts.CANCEL);
    private final String cancelledSha = Scripts.sha(Scripts.CANCELLED);
    private final Map<String, Long> missingSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("redis-lease").factory());
    private final ExecutorService listener = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("redis-cancels").factory());
    private final Subscriber subscriber = new Subscriber();
    private volatile BiConsumer<String, String> onCancel = (runId, reason) -> { };
    private volatile boolean closed;

    private RedisCluster(EventLogSettings.Redis settings, long perRunBytes, Duration retention, MeterRegistry meters,
                         Clock clock) {
        this.redis = new Redis(settings, meters);
        this.events = new RedisEventLog(redis, keys, instance, perRunBytes, retention, clock);
        this.lease = settings.lease();
        this.renewEvery = settings.lease().dividedBy(5);
    }

    /**
     * Connects, takes this instance's lease and starts renewing it and listening for cancels.
     *
     * @throws scriptorium.events.EventLogUnavailable when Redis cannot be reached within the timeout
     */
    public static RedisCluster open(EventLogSettings.Redis settings, long perRunBytes, Duration retention,
                                    MeterRegistry meters, Clock clock) {
        var cluster = new RedisCluster(settings, perRunBytes, retention, meters, clock);
        try {
            cluster.redis.retrying("taking this instance's lease", jedis -> jedis.set(cluster.keys.lease(cluster.instance),
                    "alive", SetParams.setParams().px(cluster.lease.toMillis())));
        } catch (RuntimeException e) {
            cluster.redis.close();
            throw e;
        }
        long every = cluster.renewEvery.toMillis();
        cluster.timer.scheduleWithFixedDelay(cluster::renew, every, every, TimeUnit.MILLISECONDS);
        cluster.listener.execute(cluster::listen);
        log.info("event log: Redis at {}:{}, instance {}, lease {} s", settings.host(), settings.port(),
                cluster.instance, cluster.lease.toSeconds());
        return cluster;
    }

    public EventLog events() {
        return events;
    }

    @Override
    public boolean cancel(String runId, String reason) {
        Object sent = redis.retrying("sending a cancel", jedis -> Scripts.eval(jedis, Scripts.CANCEL, cancelSha,
                List.of(keys.meta(runId)), List.of(keys.cancels(), runId, reason)));
        return ((Number) sent).longValue() == 1;
    }

    @Override
    public void onCancel(BiConsumer<String, String> handler) {
        this.onCancel = handler;
    }

    @Override
    public List<String> orphans() {
        List<String> orphans = new ArrayList<>();
        long now = System.nanoTime();
        for (String other : redis.retrying("reading the instances", jedis -> jedis.smembers(keys.instances()))) {
            if (other.equals(instance) || redis.call(jedis -> jedis.exists(keys.lease(other)))) {
                missingSince.remove(other);
                continue;
            }
            long since = missingSince.computeIfAbsent(other, id -> now);
            if (now - since < 2 * renewEvery.toNanos()) {
                continue; // maybe a Redis restart took its lease: a live instance renews it before this passes
            }
            Set<String> runs = redis.call(jedis -> jedis.smembers(keys.runsOf(other)));
            if (runs.isEmpty()) {
                redis.call(jedis -> jedis.srem(keys.instances(), other)); // nothing left of it to end
                missingSince.remove(other);
            } else {
                log.warn("instance {} lost its lease: ending its {} run(s)", other, runs.size());
                orphans.addAll(runs);
            }
        }
        return orphans;
    }

    /** This instance's id, as its lease key and its runs' {@code owner} name it. */
    public String instance() {
        return instance;
    }

    private void renew() {
        try {
            redis.call(jedis -> jedis.set(keys.lease(instance), "alive", SetParams.setParams().px(lease.toMillis())));
            events.retryPending();
            List<?> asked = (List<?>) redis.call(jedis -> Scripts.eval(jedis, Scripts.CANCELLED, cancelledSha,
                    List.of(keys.runsOf(instance)), List.of(keys.prefix())));
            for (int i = 0; i + 1 < asked.size(); i += 2) {
                onCancel.accept(String.valueOf(asked.get(i)), String.valueOf(asked.get(i + 1)));
            }
        } catch (JedisException e) {
            log.warn("could not renew this instance's lease in Redis: {}", e.getMessage());
        } catch (RuntimeException e) { // the top of a timer task: a throw would stop the renewals for good
            log.error("renewing this instance's lease failed", e);
        }
    }

    /** Listens for cancels on the channel, subscribing again after each broken connection (Redis restarts). */
    private void listen() {
        while (!closed) {
            try (var jedis = redis.subscriber()) {
                jedis.subscribe(subscriber, keys.cancels());
            } catch (JedisException e) {
                if (!closed) {
                    log.warn("cancel channel: {}; subscribing again", e.getMessage());
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onMessage(String channel, String message) {
            int cut = message.indexOf('\n');
            if (cut > 0) {
                onCancel.accept(message.substring(0, cut), message.substring(cut + 1));
            }
        }
    }

    /** Stops renewing (the lease then expires; runs ended by now gave theirs back) and closes the connections. */
    @Override
    public void close() {
        closed = true;
        timer.shutdown(); // a renewal in progress finishes: interrupting it would only break its connection
        try {
            timer.awaitTermination(redis.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (subscriber.isSubscribed()) {
                subscriber.unsubscribe();
            }
        } catch (RuntimeException e) {
            log.debug("cancel channel already closed: {}", e.getMessage());
        }
        listener.shutdownNow();
        try {
            redis.call(jedis -> jedis.del(keys.lease(instance)));
        } catch (JedisException e) {
            log.debug("could not drop this instance's lease: {}", e.getMessage());
        }
        redis.close();
    }
}
