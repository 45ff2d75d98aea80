package scriptorium.events.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.events.EventLog;
import scriptorium.events.EventLogFull;
import scriptorium.events.EventLogUnavailable;
import scriptorium.events.RunEvent;
import scriptorium.events.Sequenced;

/**
 * The {@link EventLog} of instances that share runs: each run's events in a Redis stream of its own, the entry id
 * {@code 0-<seq>}, so any instance replays and follows any run ({@link RedisSubscription}, blocking reads).
 *
 * <p>Every write is one Lua script ({@link Scripts#WRITE}), atomic in Redis: the next seq, the per-run byte cap
 * (as the memory log's), and for the terminal event the check that none exists, so that two instances (the
 * owner and a survivor ending a lost run) can never both write one. Opening a run also records this instance as
 * the one holding its lease; ending it gives the lease back. After the terminal event both keys expire after the
 * retention period. A write is retried while Redis restarts, up to the timeout; it carries the seq it expects, so
 * a retry whose first attempt was stored is not stored twice.
 */
public final class RedisEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(RedisEventLog.class);

    private final Redis redis;
    private final Keys keys;
    private final String instance;
    private final long perRunBytes;
    private final Duration retention;
    private final Clock clock;
    private final String writeSha = Scripts.sha(Scripts.WRITE);
    /** The last seq this instance wrote, per run it runs: what the next write expects. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    /** Terminal events written while Redis was unreachable: retried until it is back. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    RedisEventLog(Redis redis, Keys keys, String instance, long perRunBytes, Duration retention, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.instance = instance;
        this.perRunBytes = perRunBytes;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Sequenced open(String runId, RunEvent.Start start) {
        Sequenced sequenced = write("open", runId, start, 0, instance);
        written.put(runId, sequenced.seq());
        return sequenced;
    }

    @Override
    public Sequenced append(String runId, RunEvent.Step step) {
        Long last = written.get(runId);
        try {
            Sequenced sequenced = write("step", runId, step, last == null ? 0 : last + 1, instance);
            written.put(runId, sequenced.seq());
            return sequenced;
        } catch (EventLogUnavailable e) {
            written.remove(runId); // we no longer know what was stored: a later write takes the next seq
            throw e;
        }
    }

    @Override
    public boolean end(String runId, RunEvent.Terminal terminal) {
        written.remove(runId);
        // A token of this call: a retry of an end that was stored (its reply lost) is told it ended the run.
        String token = UUID.randomUUID().toString();
        try {
            write("end", runId, terminal, 0, token);
            return true;
        } catch (AlreadyEnded e) {
            return false;
        } catch (EventLogUnavailable e) {
            // PROTOCOL §4.1: no stream may end without a terminal event, so this one is written once Redis is back
            // (retryPending, on the lease timer). Until then this instance's lease keeps the run from being lost.
            log.warn("run {}: terminal event not written yet ({}); writing it once Redis is back", runId,
                    e.getMessage());
            pending.put(runId, new Pending(terminal, token));
            return true;
        }
    }

    /** Writes the terminal events Redis could not take when their runs ended. Called on the lease timer. */
    void retryPending() {
        pending.forEach((runId, end) -> {
            try {
                write("end", runId, end.terminal(), 0, end.token());
                pending.remove(runId);
            } catch (AlreadyEnded | IllegalStateException e) {
                pending.remove(runId); // ended meanwhile (a survivor), or its log is gone: nothing left to end
            } catch (EventLogUnavailable e) {
                log.debug("run {}: terminal event still waiting for Redis", runId);
            }
        });
    }

    private record Pending(RunEvent.Terminal terminal, String token) {}

    private Sequenced write(String kind, String runId, RunEvent event, long expected, String ownerOrToken) {
        Instant at = clock.instant();
        String encoded = EventCodec.encode(event);
        List<String> args = List.of(kind, Long.toString(expected), encoded, at.toString(), Long.toString(perRunBytes),
                Long.toString(retention.toMillis()), ownerOrToken, runId, keys.prefix());
        List<?> reply = (List<?>) redis.retrying("writing an event of run " + runId, jedis -> Scripts.eval(jedis,
                Scripts.WRITE, writeSha, List.of(keys.log(runId), keys.meta(runId), keys.instances()), args));
        String status = text(reply.get(0));
        long seq = ((Number) reply.get(1)).longValue();
        return switch (status) {
            case "ok", "dup" -> new Sequenced(runId, seq, at, event);
            case "ended" -> throw kind.equals("end") ? new AlreadyEnded()
                    : new IllegalStateException("run " + runId + " already ended; refused " + event);
            case "exists" -> throw new IllegalStateException("run " + runId + " already has a log");
            case "unknown" -> throw new IllegalStateException("run " + runId + " has no open log");
            case "full" -> throw new EventLogFull("run " + runId + " outgrew its event budget of "
                    + perRunBytes / 1024 + " KiB");
            case "gap" -> throw new EventLogUnavailable("the event log lost events of run " + runId
                    + " (Redis restarted without them): it stops at seq " + seq, null);
            default -> throw new IllegalStateException("unexpected reply from the event log's script: " + status);
        };
    }

    @Override
    public Subscription follow(String runId, long after) {
        List<String> state = redis.retrying("reading run " + runId,
                jedis -> jedis.hmget(keys.meta(runId), "seq", "ended"));
        if (state.get(0) == null) {
            throw new UnknownRunException(runId);
        }
        boolean hadTheEnd = state.get(1) != null && Long.parseLong(state.get(1)) <= after;
        return new RedisSubscription(redis, keys.log(runId), runId, after, hadTheEnd);
    }

    @Override
    public Optional<Long> lastSeq(String runId) {
        String seq = redis.retrying("reading run " + runId, jedis -> jedis.hget(keys.meta(runId), "seq"));
        return Optional.ofNullable(seq).map(Long::parseLong);
    }

    @Override
    public void close() {
        // the connections belong to RedisCluster's owner (RedisSetup), closed there
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(value);
    }

    /** The terminal event was refused: the run had one already. */
    private static final class AlreadyEnded extends RuntimeException {
        AlreadyEnded() {
            super(null, null, false, false);
        }
    }
}
