package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7UuidsThatSortInTheOrderTheyWereMadeAcrossMilliseconds() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Ids.next("r-"));
            Thread.sleep(2);
        }
        assertThat(ids).isSorted();
        for (String id : ids) {
            UUID uuid = UUID.fromString(id.substring(2));
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
        }
    }

    @Test
    void idsMadeInTheSameMillisecondStillDiffer() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.next("m-"))).isTrue();
        }
    }
}
