package scriptorium.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Anthropic's prompt cache as its documentation describes it, so the fake bills what the real API would.
 *
 * <p>A prompt is a sequence of blocks: tools, then system blocks, then each message's content blocks. A block with
 * {@code cache_control} is a breakpoint: the prefix ending there is written to the cache. A later request reads the
 * longest cached prefix ending at one of its breakpoints or up to 20 blocks before one. Billing: the cached prefix
 * as {@code cache_read_input_tokens}, the rest up to the last breakpoint as {@code cache_creation_input_tokens},
 * what follows as {@code input_tokens}. Prefixes shorter than {@code minimumTokens} are not cached.
 */
final class PromptCache {

    record Billed(long input, long cacheRead, long cacheCreation) {}

    private static final int LOOKBACK = 20;

    private final long minimumTokens;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> cached = new HashSet<>();

    PromptCache(long minimumTokens) {
        this.minimumTokens = minimumTokens;
    }

    Billed bill(JsonNode request) {
        List<String> blocks = new ArrayList<>();
        List<Integer> breakpoints = new ArrayList<>();
        request.path("tools").forEach(tool -> add(tool, "tool", blocks, breakpoints));
        request.path("system").forEach(block -> add(block, "system", blocks, breakpoints));
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText();
            message.path("content").forEach(block -> add(block, role, blocks, breakpoints));
        }
        long[] prefixTokens = new long[blocks.size() + 1];
        for (int i = 0; i < blocks.size(); i++) {
            prefixTokens[i + 1] = prefixTokens[i] + FakeProviderServer.tokens(blocks.get(i));
        }
        long total = prefixTokens[blocks.size()];
        if (breakpoints.isEmpty()) {
            return new Billed(total, 0, 0);
        }
        lock.lock();
        try {
            int hit = longestHit(blocks, breakpoints);
            int last = breakpoints.getLast();
            long read = hit < 0 ? 0 : prefixTokens[hit + 1];
            long written = 0;
            for (int b : breakpoints) {
                if (prefixTokens[b + 1] >= minimumTokens && cached.add(key(blocks, b))) {
                    written = prefixTokens[last + 1] - read;
                }
            }
            return new Billed(total - read - written, read, written);
        } finally {
            lock.unlock();
        }
    }

    private int longestHit(List<String> blocks, List<Integer> breakpoints) {
        for (int b : breakpoints.reversed()) {
            for (int i = b; i >= Math.max(0, b - LOOKBACK + 1); i--) {
                if (cached.contains(key(blocks, i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static void add(JsonNode block, String role, List<String> blocks, List<Integer> breakpoints) {
        ObjectNode copy = block.deepCopy();
        if (copy.remove("cache_control") != null) {
            breakpoints.add(blocks.size());
        }
        blocks.add(role + ":" + copy);
    }

    private static String key(List<String> blocks, int last) {
        return String.join("\u0000", blocks.subList(0, last + 1));
    }
}
