package scriptorium.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestitutionTest {

    @Test
    void aQuotedPassageIsWhatPlumeRestitutesWithoutTheRequestAroundIt() {
        var restitution = Restitution.of("Plume, peux-tu reformuler cette phrase : 'Python est un langage de programmation' ?");
        assertThat(restitution.sentences()).containsExactly("Python est un langage de programmation.");
        assertThat(restitution.keyTerms()).contains("python", "langage", "programmation");
        assertThat(restitution.language()).isEqualTo(Language.FRENCH);
    }

    @Test
    void severalSentencesBecomeKeyPointsAndNothingIsAdded() {
        var restitution = Restitution.of("note que le thé vert se boit à 80 degrés. il ne faut pas le laisser infuser"
                + " plus de trois minutes! sinon il devient amer.");
        String markdown = restitution.markdown();
        assertThat(markdown).contains("**Points clés**", "- Le thé vert se boit à 80 degrés.",
                "- Il ne faut pas le laisser infuser plus de trois minutes!", "- Sinon il devient amer.");
        assertThat(restitution.title()).isEqualTo("Le thé vert se boit à 80 degrés");
    }

    @Test
    void englishTextGetsEnglishHeadings() {
        var restitution = Restitution.of("Write down that the build takes two minutes. The tests take one more. "
                + "Caching the dependencies would help.");
        assertThat(restitution.language()).isEqualTo(Language.ENGLISH);
        assertThat(restitution.markdown()).contains("**Key points**", "**Key terms:**");
    }

    @Test
    void apostrophesInsideWordsAreNotTakenForQuotes() {
        assertThat(Restitution.subject("Plume, l'art et l'eau se mêlent dans l'aquarelle."))
                .isEqualTo("l'art et l'eau se mêlent dans l'aquarelle.");
    }

    @Test
    void aRequestToDiscussIsRestatedWithoutItsRequestWords() {
        var restitution = Restitution.of("Plume et Mimir, pouvez-vous discuter ensemble sur l'importance de la "
                + "documentation technique ?");
        assertThat(restitution.sentences()).containsExactly("L'importance de la documentation technique ?");
        assertThat(restitution.restated()).startsWith("Je reformule la demande : « L'importance de la documentation");
        assertThat(restitution.keyTerms()).containsExactly("importance", "documentation", "technique");
    }

    @Test
    void theVerbsAndQuestionWordsOfARequestAreNotKeyTerms() {
        assertThat(Restitution.of("Mimir, que disent mes notes sur les sauvegardes ?").keyTerms())
                .containsExactly("sauvegardes");
        assertThat(Restitution.of("Mimir, what do my notes say about backups?").keyTerms())
                .containsExactly("backups");
    }
}
