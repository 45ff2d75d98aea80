package scriptorium.store;

import java.time.Instant;

/**
 * A run as stored: {@code GET /api/v1/runs/{id}} (PROTOCOL §5).
 *
 * @param status {@code running}, {@code completed}, {@code failed}, {@code cancelled} or {@code interrupted}
 */
public record RunRecord(String id, String conversationId, String status, String mode, String route,
                        Instant startedAt, Instant endedAt, Long processingMs, long inputTokens, long outputTokens,
                        long cacheReadTokens, long cacheCreationTokens, double costUsd, String model,
                        String errorCode, String errorMessage, long lastSeq) {}
