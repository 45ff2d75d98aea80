package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import scriptorium.knowledge.RankFusion.Fused;
import scriptorium.knowledge.RankFusion.Ranked;

class RankFusionTest {

    @Test
    void aDocumentFirstInBothRankingsScoresOneAndLeads() {
        List<Fused> fused = RankFusion.fuse(List.of(new Ranked(7, 12.5), new Ranked(3, 4.0)),
                List.of(new Ranked(7, 0.9), new Ranked(9, 0.6)));
        assertThat(fused).extracting(Fused::doc).containsExactly(7, 3, 9);
        assertThat(fused.getFirst().score()).isEqualTo(1.0);
        assertThat(fused.getFirst().textScore()).isEqualTo(12.5);
        assertThat(fused.getFirst().vectorScore()).isEqualTo(0.9);
    }

    @Test
    void ranksNotScoresDecideSoAHugeBm25ScoreDoesNotDrownTheVectorRanking() {
        List<Fused> fused = RankFusion.fuse(List.of(new Ranked(1, 1000.0), new Ranked(2, 999.0)),
                List.of(new Ranked(2, 0.8), new Ranked(3, 0.7)));
        assertThat(fused).extracting(Fused::doc).containsExactly(2, 1, 3);
        assertThat(fused.get(1).vectorScore()).isNull();
        assertThat(fused.get(2).textScore()).isNull();
    }

    @Test
    void nothingFusesToNothing() {
        assertThat(RankFusion.fuse(List.of(), List.of())).isEmpty();
    }
}
