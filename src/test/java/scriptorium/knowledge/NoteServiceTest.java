package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.store.Note;

class NoteServiceTest {

    @TempDir
    Path dataDir;
    Archive archive;
    NoteService notes;

    @BeforeEach
    void open() {
        archive = Archive.open(dataDir);
        notes = archive.notes();
    }

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void aNoteIsCreatedReadUpdatedAndDeleted() {
        Note created = notes.create(new NoteDraft("  Jardin  ", "Planter les tomates en mai.", List.of("#jardin", "potager")),
                Note.Source.USER);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.title()).isEqualTo("Jardin");
        assertThat(created.tags()).containsExactly("jardin", "potager");
        assertThat(notes.get(created.id())).isEqualTo(created);

        Note updated = notes.update(created.id(), 1, new NotePatch(null, "Planter les tomates fin mai.", null));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.title()).isEqualTo("Jardin");
        assertThat(updated.tags()).containsExactly("jardin", "potager");
        assertThat(notes.get(created.id()).content()).isEqualTo("Planter les tomates fin mai.");

        notes.delete(created.id());
        assertThat(notes.find(created.id())).isEmpty();
        assertThatThrownBy(() -> notes.delete(created.id())).isInstanceOf(NoteException.NotFound.class);
    }

    @Test
    void anUpdateWithAStaleVersionIsAConflictAndOverwritesNothing() {
        Note note = notes.create(new NoteDraft("Budget", "Premier jet.", List.of()), Note.Source.USER);
        notes.update(note.id(), 1, new NotePatch(null, "Deuxième version.", null));

        assertThatThrownBy(() -> notes.update(note.id(), 1, new NotePatch("Écrasé", "Perdu ?", null)))
                .isInstanceOfSatisfying(NoteException.Conflict.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(2));
        Note stored = notes.get(note.id());
        assertThat(stored.title()).isEqualTo("Budget");
        assertThat(stored.content()).isEqualTo("Deuxième version.");
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void invalidNotesAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> notes.create(new NoteDraft(" ", "x", List.of()), Note.Source.USER))
                .isInstanceOf(NoteException.Invalid.class).hasMessageStartingWith("title:");
        assertThatThrownBy(() -> notes.create(new NoteDraft("x".repeat(201), "x", List.of()), Note.Source.USER))
                .isInstanceOf(NoteException.Invalid.class).hasMessageContaining("1..200");
        assertThatThrownBy(() -> notes.create(new NoteDraft("t", "x", Collections.nCopies(21, "a").stream()
                        .map(tag -> tag + Math.random()).toList()), Note.Source.USER))
                .isInstanceOf(NoteException.Invalid.class).hasMessageStartingWith("tags:");
        assertThatThrownBy(() -> notes.create(new NoteDraft("t", "x", List.of("y".repeat(51))), Note.Source.USER))
                .isInstanceOf(NoteException.Invalid.class).hasMessageStartingWith("tags:");
        assertThatThrownBy(() -> notes.create(new NoteDraft("t", "é".repeat(600_000), List.of()), Note.Source.USER))
                .isInstanceOf(NoteException.TooLarge.class).hasMessageStartingWith("content:");
        assertThat(notes.count()).isZero();
    }

    @Test
    void notesAreListedByTagMostRecentFirstAndPaged() {
        for (int i = 0; i < 5; i++) {
            notes.create(new NoteDraft("Note " + i, "texte " + i, i % 2 == 0 ? List.of("pair") : List.of("impair")),
                    Note.Source.USER);
        }
        NotePage even = notes.list("pair", 2, 0);
        assertThat(even.total()).isEqualTo(3);
        assertThat(even.notes()).extracting(Note::title).containsExactly("Note 4", "Note 2");
        assertThat(notes.list("pair", 2, 2).notes()).extracting(Note::title).containsExactly("Note 0");
        assertThat(notes.list(null, 10, 0).total()).isEqualTo(5);
    }
}
