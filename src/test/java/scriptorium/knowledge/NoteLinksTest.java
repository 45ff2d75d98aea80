package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import scriptorium.store.Note;

/** The links a note's Markdown holds and the names it answers to, as the link table keeps them (issue 14). */
class NoteLinksTest {

    @Test
    void wikilinksWithAnAliasOrAHeadingTargetTheTitleAndCodeIsNotRead() {
        assertThat(NoteLinks.targets("Voir [[Pain|le pain]], [[Levain#Nourrir]], [[  Grand   Livre ]] et [[#Ici]]."
                + "\n\n```\n[[PasUnLien]]\n```\n`[[NonPlus]]` ![[photo.png]] [[dossier/Note]] [[Version 2.0]] [[plan.pdf]] [[Farine.md]]", null))
                .containsExactly("name:pain", "name:levain", "name:grand livre", "path:dossier/note.md",
                        "name:version 2.0", "name:farine");
    }

    @Test
    void relativeMarkdownLinksResolveFromTheNotesFolderAndNeverLeaveTheVault() {
        assertThat(NoteLinks.targets("[a](Farine.md) [b](../Cuisine.md#haut) [c](/racine.md) [d](https://x.org/y.md)"
                + " [e](image.png) [f](Mon%20Pain.md) [g](../../../dehors.md)", "recettes/pain/Levain.md"))
                .containsExactly("path:recettes/pain/farine.md", "path:recettes/cuisine.md", "path:racine.md",
                        "path:recettes/pain/mon pain.md");
    }

    @Test
    void aVaultNoteAnswersToItsTitleItsFileNameAndItsPath() {
        var note = new Note("n1", "local", "Levain", "", List.of(), Note.Source.VAULT, "h", 1, Instant.EPOCH,
                Instant.EPOCH);
        assertThat(NoteLinks.of(note, "cuisine/levain-du-jour.md").names())
                .containsExactly("name:levain", "name:levain-du-jour", "path:cuisine/levain-du-jour.md");
        assertThat(NoteLinks.of(note, null).names()).containsExactly("name:levain");
    }
}
