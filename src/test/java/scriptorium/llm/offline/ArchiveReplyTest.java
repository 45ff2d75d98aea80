package scriptorium.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import scriptorium.knowledge.Citation;

/** The Offline Mimir's citations: word for word from the snippet, so that they all check as found. */
class ArchiveReplyTest {

    @Test
    void aSnippetIsQuotedByItsLongestPassageWithoutMarksOrACutWord() {
        assertThat(ArchiveReply.quote("Un **jardin** de pluie … recueille l'eau des toits et la lai …"))
                .isEqualTo("recueille l'eau des toits et la");
        assertThat(ArchiveReply.quote("Le \"chat\" dort.")).isEqualTo("Le 'chat' dort.");
        assertThat(ArchiveReply.quote("")).isEmpty();
    }

    @Test
    void eachResultCitesItsNoteWithAQuotation() {
        String reply = ArchiveReply.results("""
                {"query":"pluie","results":[{"note_id":"n-1","title":"Jardin","snippet":"l'eau des **toits**"},
                                            {"note_id":"n-2","title":"Vide","snippet":""}]}""", Language.of("trouve"));
        assertThat(reply).contains("1. **Jardin** [note:n-1 \"l'eau des toits\"]\n")
                .contains("2. **Vide** [note:n-2]\n");
        assertThat(Citation.parse(reply)).as("what the server reads back")
                .containsExactly(new Citation("n-1", "l'eau des toits"), new Citation("n-2", ""));
    }
}
