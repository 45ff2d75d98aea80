package scriptorium.http;

import java.nio.charset.StandardCharsets;
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

    private record Second(long epochSecond, String text, byte[] ascii) {}

    private static volatile Second last = new Second(Long.MIN_VALUE, "", new byte[0]);

    private Timestamps() {}

    static String iso(Instant instant) {
        int millis = instant.getNano() / 1_000_000;
        var text = new StringBuilder(24).append(second(instant).text()).append('.');
        if (millis < 100) {
            text.append(millis < 10 ? "00" : "0");
        }
        return text.append(millis).append('Z').toString();
    }

    /** The same text as {@link #iso}, written as ASCII into {@code out} with no string made (once per event). */
    static void write(Instant instant, EventBuffer out) {
        int millis = instant.getNano() / 1_000_000;
        out.write(second(instant).ascii());
        out.write('.');
        out.write('0' + millis / 100);
        out.write('0' + millis / 10 % 10);
        out.write('0' + millis % 10);
        out.write('Z');
    }

    private static Second second(Instant instant) {
        Second second = last;
        if (second.epochSecond() != instant.getEpochSecond()) {
            String text = SECOND.format(instant);
            second = new Second(instant.getEpochSecond(), text, text.getBytes(StandardCharsets.US_ASCII));
            last = second;
        }
        return second;
    }
}
