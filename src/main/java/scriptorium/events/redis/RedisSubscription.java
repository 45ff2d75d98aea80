package scriptorium.events.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import scriptorium.events.EventFeed;
import scriptorium.events.EventLogUnavailable;
import scriptorium.events.RunEvent;
import scriptorium.events.Sequenced;

/**
 * One reader of one run's stream: {@code XREAD BLOCK} from the last seq it gave, which returns at once what is
 * stored after it (the replay) and otherwise waits in Redis for the next entry (the follow): no polling loop. A
 * broken connection (Redis restarting) is read again from the same seq, so no event is lost or given twice; when
 * Redis stays away past its timeout, {@link #poll} throws {@link EventLogUnavailable} and the stream is cut, for
 * its client to resume later. Not thread-safe: one reader, one thread.
 */
final class RedisSubscription implements EventFeed.Subscription {

    private static final Logger log = LoggerFactory.getLogger(RedisSubscription.class);
    private static final int BATCH = 256;

    private final Redis redis;
    private final String key;
    private final String runId;
    private final ArrayDeque<Sequenced> ready = new ArrayDeque<>();
    private long last;
    private boolean finished;

    /** @param finished the client has the run's terminal event already: {@code [DONE]} at once */
    RedisSubscription(Redis redis, String key, String runId, long after, boolean finished) {
        this.redis = redis;
        this.key = key;
        this.runId = runId;
        this.last = after;
        this.finished = finished;
    }

    @Override
    public Optional<Sequenced> poll(Duration timeout) throws InterruptedException {
        if (ready.isEmpty() && !finished) {
            if (timeout.isZero()) {
                return Optional.empty(); // XREAD BLOCK 0 would wait forever
            }
            read(timeout);
        }
        Sequenced next = ready.poll();
        if (next != null && next.terminal()) {
            finished = true;
        }
        return Optional.ofNullable(next);
    }

    private void read(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long unreachableSince = 0;
        while (ready.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            int block = (int) Math.max(1, Math.min(left, Redis.BLOCK_STEP.toNanos()) / 1_000_000);
            try {
                List<Map.Entry<String, List<StreamEntry>>> entries = redis.block(jedis -> jedis.xread(
                        XReadParams.xReadParams().count(BATCH).block(block), Map.of(key, new StreamEntryID(0, last))));
                unreachableSince = 0;
                if (entries != null) {
                    entries.forEach(stream -> stream.getValue().forEach(this::add));
                }
            } catch (JedisException e) {
                if (!Redis.unreachable(e)) {
                    throw new EventLogUnavailable("Redis refused to read run " + runId + ": " + e.getMessage(), e);
                }
                long now = System.nanoTime();
                unreachableSince = unreachableSince == 0 ? now : unreachableSince;
                if (now - unreachableSince > redis.timeout().toNanos()) {
                    throw new EventLogUnavailable("Redis unreachable while following run " + runId, e);
                }
                log.debug("Redis unreachable while following run {}; reading again from seq {}", runId, last);
                Thread.sleep(100);
            }
        }
    }

    private void add(StreamEntry entry) {
        long seq = entry.getID().getSequence();
        if (seq <= last) {
            return;
        }
        RunEvent event = EventCodec.decode(entry.getFields().get("e"));
        ready.add(new Sequenced(runId, seq, Instant.parse(entry.getFields().get("t")), event));
        last = seq;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void close() {
        // nothing held between polls: each blocking read returns its connection to the pool
    }
}
