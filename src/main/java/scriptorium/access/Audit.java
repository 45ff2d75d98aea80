package scriptorium.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per security event (logger {@code scriptorium.audit}): who, what, from where, and how it went.
 * Never a password, a token or a session id: only user names and ids, which an operator needs to read.
 */
final class Audit {

    private static final Logger log = LoggerFactory.getLogger("scriptorium.audit");

    private Audit() {}

    static void record(String action, String user, String client, String outcome) {
        log.info("audit action={} user={} client={} outcome={}", action, clean(user), clean(client), outcome);
    }

    /** @param target what the action was done to: a user created or deleted, a token (its id and label) */
    static void record(String action, String user, String target, String client, String outcome) {
        log.info("audit action={} user={} target={} client={} outcome={}", action, clean(user), clean(target),
                clean(client), outcome);
    }

    /** A username comes from the request: no line breaks or spaces that could forge another audit line. */
    private static String clean(String text) {
        if (text == null) {
            return "-";
        }
        String flat = text.replaceAll("[\\s\\p{Cntrl}]", "_");
        return flat.length() > 64 ? flat.substring(0, 64) + "…" : flat;
    }
}
