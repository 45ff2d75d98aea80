/**
 * The event log of instances that share runs, in Redis (issue 11): {@link scriptorium.events.redis.RedisEventLog}
 * (a stream per run, written by Lua scripts), {@link scriptorium.events.redis.RedisCluster} (this instance's
 * lease, cancels over pub/sub, the watch on the others' leases). The only package that imports the Redis client
 * (Jedis); imports nothing above {@code events}.
 */
package scriptorium.events.redis;
