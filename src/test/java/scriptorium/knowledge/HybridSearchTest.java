package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.store.Note;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HybridSearchTest {

    Archive archive;
    NoteService notes;
    Note java;
    Note frenchDev;
    Note garden;
    Note baking;

    @BeforeAll
    void fill(@TempDir Path dataDir) {
        archive = Archive.open(dataDir);
        notes = archive.notes();
        java = create("Apprendre à programmer en Java",
                "Les records et les interfaces scellées rendent le code plus sûr. Programmer un peu chaque jour.",
                "java", "code");
        frenchDev = create("Journal de developpement",
                "Le developpement du serveur avance : les flux SSE sont envoyés un par un.", "projet");
        garden = create("Potager au printemps",
                "Semer les radis en mars, les tomates après les saints de glace. Arroser le soir.", "jardin");
        baking = create("Sourdough bread",
                "Feed the starter twice a day. Bake at 250 degrees with steam for a crisp crust.", "cooking");
    }

    @AfterAll
    void close() {
        archive.close();
    }

    @Test
    void programmationFindsANoteThatSaysProgrammer() {
        assertThat(ids(notes.search("programmation", 5))).first().isEqualTo(java.id());
    }

    @Test
    void accentedDeveloppementFindsTheUnaccentedNote() {
        List<SearchHit> hits = notes.search("développement", 5);
        assertThat(ids(hits)).first().isEqualTo(frenchDev.id());
        assertThat(hits.getFirst().textScore()).isPositive();
        assertThat(hits.getFirst().snippet()).contains("**developpement**");
    }

    @Test
    void englishWordsFindTheirInflectedForms() {
        assertThat(ids(notes.search("baking loaves", 5))).first().isEqualTo(baking.id());
        assertThat(ids(notes.search("programming", 5))).first().isEqualTo(java.id());
    }

    @Test
    void meaningFindsANoteThatSharesNoWordWithTheQuery() {
        List<SearchHit> hits = notes.search("how to make bread at home", 5);
        assertThat(ids(hits)).first().isEqualTo(baking.id());
        assertThat(hits.getFirst().vectorScore()).as("found by meaning").isNotNull();
    }

    @Test
    void hitsCarryTitleTagsAndAScoreBetweenZeroAndOne() {
        SearchHit hit = notes.search("radis tomates", 5).getFirst();
        assertThat(hit.noteId()).isEqualTo(garden.id());
        assertThat(hit.title()).isEqualTo("Potager au printemps");
        assertThat(hit.tags()).containsExactly("jardin");
        assertThat(hit.score()).isBetween(0.0, 1.0);
    }

    @Test
    void aQueryAboutNothingInTheArchiveFindsNothing() {
        assertThat(notes.search("quantum chromodynamics gluon lattice", 5)).isEmpty();
    }

    @Test
    void aSnippetLeavesOutTheMarksOfMarkdownHeadings() {
        Note note = create("Compte rendu", "# Réunion du 3 avril\n\n## Décisions\nLa rétention des archives passe à 90 jours.",
                "travail");
        var hit = notes.search("rétention archives", 5).stream().filter(h -> h.noteId().equals(note.id())).findFirst();
        assertThat(hit).hasValueSatisfying(found -> assertThat(found.snippet()).doesNotContain("#")
                .contains("**rétention**"));
        notes.delete(note.id());
    }

    @Test
    void writesAreVisibleToTheNextSearch() {
        Note note = create("Réunion trimestrielle", "Ordre du jour : la trésorerie et le recrutement.", "travail");
        assertThat(ids(notes.search("trésorerie", 5))).contains(note.id());

        notes.update(note.id(), new NotePatch(null, "Ordre du jour : uniquement le recrutement.", null),
                scriptorium.store.Change.by(Note.Source.USER, "edited"));
        assertThat(ids(notes.search("trésorerie", 5))).doesNotContain(note.id());

        notes.delete(note.id());
        assertThat(ids(notes.search("recrutement", 5))).doesNotContain(note.id());
    }

    @Test
    void relatedContentExcludesTheNoteItself() {
        Note more = create("Java et les records",
                "Un record Java déclare ses composants; programmer avec des records évite les erreurs.", "java");
        List<SearchHit> related = notes.related(java.id(), 5);
        assertThat(ids(related)).doesNotContain(java.id()).first().isEqualTo(more.id());
        notes.delete(more.id());
    }

    private Note create(String title, String content, String... tags) {
        return notes.create(new NoteDraft(title, content, List.of(tags)), Note.Source.USER);
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::noteId).toList();
    }
}
