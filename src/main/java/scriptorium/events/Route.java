package scriptorium.events;

import java.util.Locale;

/** Where a run goes, and the node that does its work (PROTOCOL §3 {@code routing.route}, {@code processing.node}). */
public enum Route {
    PLUME, MIMIR, DISCUSSION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
