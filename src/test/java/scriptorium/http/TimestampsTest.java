package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void anInstantIsWrittenAsUtcWithMillisecondsWhateverItsPrecision() {
        assertThat(Timestamps.iso(Instant.parse("2026-11-26T08:40:12.345678Z"))).isEqualTo("2026-11-26T08:40:12.345Z");
        assertThat(Timestamps.iso(Instant.parse("2026-11-26T08:40:12Z"))).isEqualTo("2026-11-26T08:40:12.000Z");
        assertThat(Timestamps.iso(Instant.parse("2026-11-26T08:40:12.007Z"))).isEqualTo("2026-11-26T08:40:12.007Z");
        assertThat(Timestamps.iso(Instant.parse("1999-12-31T23:59:59.090Z"))).isEqualTo("1999-12-31T23:59:59.090Z");
    }

    @Test
    void theCachedSecondNeverLeaksIntoAnotherSecond() {
        var instant = Instant.parse("2026-11-26T08:40:12.999Z");
        assertThat(Timestamps.iso(instant)).isEqualTo("2026-11-26T08:40:12.999Z");
        assertThat(Timestamps.iso(instant.plusMillis(1))).isEqualTo("2026-11-26T08:40:13.000Z");
        assertThat(Timestamps.iso(instant)).isEqualTo("2026-11-26T08:40:12.999Z");
    }
}
