package scriptorium.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who made a request, as the gate established it: the only identity routes and services see. Immutable.
 *
 * @param userId the owner of whatever the request reads or writes
 * @param scopes what the credential allows (a token's scopes; a session's are implied by the role)
 * @param via    how the caller proved who they are
 */
public record Caller(String userId, Role role, Set<Scope> scopes, Via via) {

    public enum Via { LOCAL, SESSION, TOKEN }

    public Caller {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId: required");
        }
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** The implicit owner of local mode: no sign-in, every scope. */
    static Caller local(String ownerId) {
        return new Caller(ownerId, Role.ADMIN, EnumSet.allOf(Scope.class), Via.LOCAL);
    }

    /** A signed-in browser: everything the user's role allows. */
    static Caller session(String userId, Role role) {
        return new Caller(userId, role, role == Role.ADMIN ? EnumSet.allOf(Scope.class)
                : EnumSet.of(Scope.READ, Scope.WRITE, Scope.CHAT), Via.SESSION);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean admin() {
        return role == Role.ADMIN && via != Via.TOKEN;
    }
}
