package scriptorium.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Event timestamps as ISO-8601 UTC with milliseconds ({@code 2026-11-26T08:40:12.345Z}). Every event carries
 * one, so the date and time of the current second are formatted once and reused: {@link Instant#toString}
 * costs a formatter walk per event, a visible share of a stream's CPU under load.
 */
final class Timestamps {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private record Second(long epochSecond, String text) {}

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private Timestamps() {}

    static String iso(Instant instant) {
        Second second = last;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new Second(instant.getEpochSecond(), SECOND.format(instant));
            last = second;
        }
        int millis = instant.getNano() / 1_000_000;
        var text = new StringBuilder(24).append(second.text()).append('.');
        if (millis < 100) {
            text.append(millis < 10 ? "00" : "0");
        }
        return text.append(millis).append('Z').toString();
    }
}
