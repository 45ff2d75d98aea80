package scriptorium.access;

import scriptorium.store.StoredToken;

/** A token just created: its secret is in this answer and nowhere else, ever (only its hash is stored). */
public record NewToken(StoredToken token, String secret) {
    @Override
    public String toString() {
        return "NewToken[" + token.id() + ", ***]";
    }
}
