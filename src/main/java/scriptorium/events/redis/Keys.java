package scriptorium.events.redis;

/**
 * Names of the keys Scriptorium keeps in Redis, all under one prefix. A run's two keys share a hash tag
 * ({@code {id}}), so that they sit on one shard should Redis ever be a cluster (its scripts touch both).
 */
record Keys(String prefix) {

    static final Keys DEFAULT = new Keys("scriptorium:");

    String log(String runId) {
        return prefix + "run:{" + runId + "}:log";
    }

    String meta(String runId) {
        return prefix + "run:{" + runId + "}:meta";
    }

    String instances() {
        return prefix + "instances";
    }

    String lease(String instance) {
        return prefix + "instance:" + instance;
    }

    String runsOf(String instance) {
        return prefix + "instance:" + instance + ":runs";
    }

    String cancels() {
        return prefix + "cancel";
    }
}
