package scriptorium.store;

import java.util.UUID;

/**
 * Ids of what the server makes and stores (conversations, runs, messages, notes): a prefix, then a time-ordered UUID
 * (version 7, RFC 9562): the millisecond first, then 74 random bits from the JDK's secure generator. An id is hard to
 * guess (the stream and cancel endpoints take one), and ids made one after another sort together, so the database's
 * indexes on them take new rows in their last pages instead of rewriting a random page per row at every commit.
 */
public final class Ids {

    private Ids() {}

    public static String next(String prefix) {
        UUID random = UUID.randomUUID();
        long msb = System.currentTimeMillis() << 16 | 0x7000L | random.getMostSignificantBits() & 0x0FFFL;
        return prefix + new UUID(msb, random.getLeastSignificantBits()); // v4's variant bits are v7's too
    }
}
