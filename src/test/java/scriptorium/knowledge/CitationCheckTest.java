package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scriptorium.knowledge.CitationCheck.Verdict;
import scriptorium.store.Note;

/** Citations as agents write them, and how each is judged against the note (PROTOCOL §7). */
class CitationCheckTest {

    private static final Note GARDEN = note(3, """
            # Jardin de pluie

            Un **jardin de pluie** recueille l'eau des toits et la laisse s'infiltrer lentement dans le sol.
            Les plantes choisies supportent d'être inondées quelques heures, puis la sécheresse.""");

    @Test
    void citationsAreReadInEveryFormAModelTypesThemOnceEach() {
        String text = """
                Voir [note:n-1] et [note:n-2 "l'eau des toits"], aussi [note: n-3 “curly quotes”] et
                [note:n-4 « guillemets »]; encore [note:n-2 "l'eau des toits"] (répété), pas [note:] ni [notes:n-5].""";

        assertThat(Citation.parse(text)).containsExactly(
                new Citation("n-1", ""), new Citation("n-2", "l'eau des toits"), new Citation("n-3", "curly quotes"),
                new Citation("n-4", "guillemets"));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "recueille l'eau des toits                                     | VERIFIED",
            "RECUEILLE   L’EAU des toits                                   | VERIFIED",
            "jardin de pluie recueille l eau                               | VERIFIED",
            "Les plantes choisies supportent d'etre inondees               | VERIFIED",
            "recueille l'eau … lentement dans le sol                       | VERIFIED",
            "recueille l'eau... dans le sol.                               | VERIFIED",
            "Jardin de pluie                                               | VERIFIED",
            "\"\"                                                            | VERIFIED",
            "recueille l'eau des rivières                                  | QUOTE_NOT_FOUND",
            "les toits absorbent la pluie                                  | QUOTE_NOT_FOUND",
            "lentement … recueille                                         | QUOTE_NOT_FOUND",
            "jardin de plu                                                 | QUOTE_NOT_FOUND"})
    void nearExactQuotesAreFoundAndInventedOnesAreNot(String quote, Verdict verdict) {
        assertThat(CitationCheck.check(new Citation("n", quote), GARDEN, 3)).isEqualTo(verdict);
    }

    @Test
    void aNoteThatChangedSinceTheRunReadItOrDoesNotExistIsNotVerified() {
        var quoted = new Citation("n", "recueille l'eau des toits");
        assertThat(CitationCheck.check(quoted, GARDEN, 2)).isEqualTo(Verdict.NOTE_CHANGED);
        assertThat(CitationCheck.check(new Citation("n", ""), GARDEN, 2)).isEqualTo(Verdict.NOTE_CHANGED);
        assertThat(CitationCheck.check(quoted, null, 0)).isEqualTo(Verdict.UNKNOWN_NOTE);
        assertThat(CitationCheck.check(quoted, null, 3)).as("deleted since the run read it").isEqualTo(Verdict.NOTE_CHANGED);
        assertThat(CitationCheck.check(quoted, GARDEN, 0)).as("not read by the run: the note as it is")
                .isEqualTo(Verdict.VERIFIED);
        assertThat(Verdict.QUOTE_NOT_FOUND.id()).isEqualTo("quote_not_found");
    }

    private static Note note(long version, String content) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Note("n", "local", "Jardin de pluie", content, List.of("jardin"), Note.Source.USER, "hash", version, now, now);
    }
}
