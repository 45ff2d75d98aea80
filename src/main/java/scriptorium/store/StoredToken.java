package scriptorium.store;

import java.time.Instant;
import java.util.List;

/** A personal token as stored: never its secret, only what lists it ({@code GET /api/v1/tokens}). */
public record StoredToken(String id, String userId, String label, List<String> scopes, Instant createdAt,
                          Instant expiresAt, Instant lastUsedAt) {
    public StoredToken {
        scopes = List.copyOf(scopes);
    }
}
