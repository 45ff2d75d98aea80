package scriptorium.events.redis;

import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The Lua scripts that make each write to a run's log one atomic step in Redis. Sent by their SHA; loaded again
 * when Redis forgot them (a restart).
 *
 * <p>Keys of a run: {@code <p>run:{id}:log} (the stream; entry id {@code 0-<seq>}, so ids and order are Redis's
 * own) and {@code <p>run:{id}:meta} (a hash: {@code seq} last written, {@code bytes} held, {@code owner} the
 * instance running it, {@code ended} the terminal's seq, {@code token} who wrote it). An instance's runs:
 * {@code <p>instance:<iid>:runs}; instances holding runs: {@code <p>instances}.
 */
final class Scripts {

    /**
     * KEYS: log, meta, instances. ARGV: kind (open, step, end), expected seq (0: the next), event, timestamp,
     * per-run byte cap, retention ms, owner instance (open) or end token (end), run id, key prefix.
     * Returns {status, seq}: ok, dup (a retried write already stored), ended (+ 1 if this token ended it),
     * exists, unknown, full, gap (events were lost).
     */
    static final String WRITE = """
            local kind = ARGV[1]
            local exists = redis.call('EXISTS', KEYS[2]) == 1
            if kind == 'open' and exists then
              if redis.call('HGET', KEYS[2], 'owner') == ARGV[7] then return {'ok', 1} end
              return {'exists', 0}
            end
            if kind ~= 'open' and not exists then return {'unknown', 0} end
            local seq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
            local ended = redis.call('HGET', KEYS[2], 'ended')
            if ended then
              local owner = redis.call('HGET', KEYS[2], 'owner')
              if owner then redis.call('SREM', ARGV[9] .. 'instance:' .. owner .. ':runs', ARGV[8]) end
              if kind == 'end' and redis.call('HGET', KEYS[2], 'token') == ARGV[7] then return {'ok', tonumber(ended)} end
              return {'ended', seq}
            end
            local expected = tonumber(ARGV[2])
            if kind == 'step' and expected > 0 and expected <= seq then return {'dup', expected} end
            if kind == 'step' and expected > 0 and expected ~= seq + 1 then return {'gap', seq} end
            local size = string.len(ARGV[3])
            local bytes = tonumber(redis.call('HGET', KEYS[2], 'bytes') or '0')
            if kind == 'step' and bytes + size > tonumber(ARGV[5]) then return {'full', seq} end
            seq = seq + 1
            redis.call('XADD', KEYS[1], '0-' .. seq, 'e', ARGV[3], 't', ARGV[4])
            redis.call('HSET', KEYS[2], 'seq', seq, 'bytes', bytes + size)
            if kind == 'open' then
              redis.call('HSET', KEYS[2], 'owner', ARGV[7])
              redis.call('SADD', ARGV[9] .. 'instance:' .. ARGV[7] .. ':runs', ARGV[8])
              redis.call('SADD', KEYS[3], ARGV[7])
            elseif kind == 'end' then
              redis.call('HSET', KEYS[2], 'ended', seq, 'token', ARGV[7])
              local owner = redis.call('HGET', KEYS[2], 'owner')
              if owner then redis.call('SREM', ARGV[9] .. 'instance:' .. owner .. ':runs', ARGV[8]) end
              redis.call('PEXPIRE', KEYS[1], ARGV[6])
              redis.call('PEXPIRE', KEYS[2], ARGV[6])
            end
            return {'ok', seq}
            """;

    /** KEYS: meta. ARGV: channel, run id, reason. Publishes the cancel when the run is live; returns 1 if so. */
    static final String CANCEL = """
            if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'ended') == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'cancel', ARGV[3])
            redis.call('PUBLISH', ARGV[1], ARGV[2] .. '\\n' .. ARGV[3])
            return 1
            """;

    /**
     * KEYS: the instance's runs. ARGV: key prefix. Returns {run, reason, ...} for each of its runs a cancel was asked
     * for: the instance sweeps them every lease renewal, so a cancel published while its subscriber was away
     * (Redis restarting) still arrives.
     */
    static final String CANCELLED = """
            local asked = {}
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local reason = redis.call('HGET', ARGV[1] .. 'run:{' .. id .. '}:meta', 'cancel')
              if reason then
                table.insert(asked, id)
                table.insert(asked, reason)
              end
            end
            return asked
            """;

    private Scripts() {}

    /** Runs {@code script} by its SHA, loading it first when Redis does not know it. */
    static Object eval(Jedis jedis, String script, String sha, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return jedis.eval(script, keys, args);
        }
    }

    static String sha(String script) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
