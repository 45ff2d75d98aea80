package scriptorium.config;

/** A key or password: never printed, whatever logs or formats it. */
public record Secret(String value) {
    @Override
    public String toString() {
        return "***";
    }
}
