package scriptorium.http;

import io.javalin.http.Context;

/** {@code ?limit=} and {@code ?offset=}, validated. */
public final class Paging {

    private Paging() {}

    public static int limit(Context ctx, int fallback, int max) {
        return number(ctx, "limit", fallback, 1, max);
    }

    public static int offset(Context ctx) {
        return number(ctx, "offset", 0, 0, 1_000_000);
    }

    private static int number(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_field", name + ": must be a whole number from " + min + " to " + max);
    }
}
