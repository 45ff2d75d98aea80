package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontMatterTest {

    @Test
    void titleAndInlineTagsAreReadAndOtherKeysIgnored() {
        FrontMatter parsed = FrontMatter.parse("---\ntitle: 'L''été'\ndate: 2024-01-01\ntags: [a, \"b c\"]\n---\nCorps\n");
        assertThat(parsed.title()).isEqualTo("L'été");
        assertThat(parsed.tags()).containsExactly("a", "b c");
        assertThat(parsed.body()).isEqualTo("Corps\n");
    }

    @Test
    void blockListTagsAndAHeadingTitleAreRead() {
        FrontMatter parsed = FrontMatter.parse("---\ntags:\n  - un\n  - deux\naliases:\n  - pas un tag\n---\n# Titre\n\ntexte");
        assertThat(parsed.tags()).containsExactly("un", "deux");
        assertThat(parsed.titleOr("fichier")).isEqualTo("Titre");
    }

    @Test
    void aFileWithoutFrontMatterIsAllBodyAndNamedByItsFile() {
        FrontMatter parsed = FrontMatter.parse("juste du texte\n---\npas une front matter");
        assertThat(parsed.tags()).isEmpty();
        assertThat(parsed.body()).startsWith("juste du texte");
        assertThat(parsed.titleOr("fichier")).isEqualTo("fichier");
    }

    @Test
    void quotedTitlesRoundTrip() {
        String title = "Un \"titre\" avec \\ et : deux-points";
        assertThat(FrontMatter.parse("---\ntitle: " + FrontMatter.quote(title) + "\n---\nx").title()).isEqualTo(title);
    }
}
