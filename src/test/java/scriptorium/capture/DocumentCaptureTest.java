package scriptorium.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.Multipart;
import scriptorium.testing.TestServer;

/** Documents and quick notes end to end: each type, the import rules (front matter, duplicates), bad files. */
class DocumentCaptureTest {

    private static final String DOCUMENT = "/api/v1/capture/document";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void eachTypeBecomesANoteWithItsTitleAndTagsAndADuplicateIsSkipped() throws Exception {
        String markdown = """
                ---
                title: Semis d'automne
                tags: [jardin, semis]
                ---
                Semer les fèves en novembre, à 5 cm de profondeur.
                """;
        String html = """
                <html><head><title>Compost &amp; paillage</title><style>p{color:red}</style></head>
                <body><nav>menu</nav><h1>Compost</h1><p>Un tas <b>aéré</b> chauffe vite.</p>
                <ul><li>feuilles</li><li>tontes</li></ul><script>alert(1)</script></body></html>""";
        JsonNode answer = upload(200, new Multipart()
                .file("file", "semis.md", "text/markdown", bytes(markdown))
                .file("file", "arrosage.txt", "text/plain", bytes("Arroser le soir, au pied, jamais sur les feuilles."))
                .file("file", "compost.html", "text/html", bytes(html))
                .file("file", "taille.pdf", "application/pdf",
                        TestDocuments.pdf("Taille des rosiers", "Tailler les rosiers en mars,", "au-dessus d'un oeil.")));
        JsonNode files = answer.get("files");
        assertThat(files).hasSize(4).allSatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("created"));
        assertThat(answer.get("note_ids")).hasSize(4);

        JsonNode md = note(files.get(0));
        assertThat(md.get("title").asText()).isEqualTo("Semis d'automne");
        assertThat(md.get("tags").toString()).isEqualTo("[\"jardin\",\"semis\"]");
        assertThat(md.get("content").asText()).startsWith("Semer les fèves").doesNotContain("---");
        assertThat(md.get("source").asText()).isEqualTo("import");
        assertThat(note(files.get(1)).get("title").asText()).isEqualTo("arrosage");
        JsonNode page = note(files.get(2));
        assertThat(page.get("title").asText()).isEqualTo("Compost & paillage");
        assertThat(page.get("content").asText()).contains("# Compost", "Un tas aéré chauffe vite.", "- feuilles")
                .doesNotContain("alert", "menu", "color");
        JsonNode pdf = note(files.get(3));
        assertThat(pdf.get("title").asText()).isEqualTo("Taille des rosiers");
        assertThat(pdf.get("content").asText()).contains("Tailler les rosiers en mars,");

        // The same Markdown again (another name): the archive has it, nothing is added.
        JsonNode again = upload(200, new Multipart().file("file", "copie.md", null, bytes(markdown)));
        assertThat(again.at("/files/0/status").asText()).isEqualTo("duplicate");
        assertThat(again.at("/files/0/notes/0/id").asText()).isEqualTo(md.get("id").asText());
        assertThat(again.get("note_ids")).isEmpty();
    }

    @Test
    void badFilesAreReportedAndSkippedWhileTheGoodOneIsSaved() throws Exception {
        byte[] broken = "%PDF-1.7\nthis is not really a pdf\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        byte[] oversize = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(oversize, (byte) 'a');
        JsonNode answer = upload(200, new Multipart()
                .file("file", "broken.pdf", "application/pdf", broken)
                .file("file", "big.txt", "text/plain", oversize)
                .file("file", "photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .file("file", "latin1.txt", "text/plain", new byte[] {'c', 'a', 'f', (byte) 0xE9})
                .file("file", "ok.md", "text/markdown", bytes("# Bon fichier\n\nIl passe.")));
        JsonNode files = answer.get("files");
        assertThat(files.get(0).get("code").asText()).isEqualTo("unreadable_document");
        assertThat(files.get(0).get("reason").asText()).contains("not a readable PDF");
        assertThat(files.get(1).get("code").asText()).isEqualTo("file_too_large");
        assertThat(files.get(1).get("reason").asText()).contains("10 MiB");
        assertThat(files.get(2).get("code").asText()).isEqualTo("unsupported_type");
        assertThat(files.get(3).get("reason").asText()).contains("UTF-8");
        assertThat(files.get(4).get("status").asText()).isEqualTo("created");
        assertThat(note(files.get(4)).get("title").asText()).isEqualTo("Bon fichier");
        assertThat(answer.get("note_ids")).hasSize(1);

        // Alone, a bad file is the answer's status, named.
        JsonNode alone = upload(413, new Multipart().file("file", "big.txt", "text/plain", oversize));
        assertThat(alone.at("/error/code").asText()).isEqualTo("file_too_large");
        assertThat(alone.at("/error/message").asText()).startsWith("big.txt: ");
        upload(422, new Multipart().file("file", "broken.pdf", "application/pdf", broken));
        upload(400, new Multipart().field("summarise", "true"));
    }

    @Test
    void aLongDocumentIsSplitAtItsHeadingsIntoLinkedNotes() throws Exception {
        var text = new StringBuilder("# Guide du potager\n\nIntroduction courte.\n\n");
        for (String section : new String[] {"Sol", "Eau", "Semis"}) {
            text.append("## ").append(section).append("\n\n");
            text.append(("Paragraphe sur " + section.toLowerCase() + " et ses soins. ").repeat(120)).append("\n\n");
        }
        JsonNode answer = upload(200, new Multipart().file("file", "guide.md", "text/markdown", bytes(text.toString())));
        JsonNode notes = answer.at("/files/0/notes");
        assertThat(notes.size()).isGreaterThanOrEqualTo(3);
        JsonNode index = note(notes.get(0).get("id").asText());
        assertThat(index.get("title").asText()).isEqualTo("Guide du potager");
        for (int i = 1; i < notes.size(); i++) {
            String id = notes.get(i).get("id").asText();
            assertThat(index.get("content").asText()).contains("(#note=" + id + ")");
            assertThat(note(id).get("content").asText()).contains("of “Guide du potager”");
        }
        assertThat(notes.get(notes.size() - 1).get("title").asText()).contains("Semis");
        // Sent again, it is a duplicate: no second set of parts.
        assertThat(upload(200, new Multipart().file("file", "guide.md", null, bytes(text.toString())))
                .at("/files/0/status").asText()).isEqualTo("duplicate");
    }

    @Test
    void askedToSummariseTheUploadStartsAPlumeRunOverTheNewNotes() throws Exception {
        JsonNode answer = upload(200, new Multipart()
                .file("file", "haies.md", null, bytes("# Haies\n\nUne haie champêtre abrite les oiseaux."))
                .field("summarise", "true"));
        String stream = answer.at("/run/stream").asText();
        var events = server.follow(stream, null).readToEnd();
        assertThat(events.getFirst().get("mode").asText()).isEqualTo("capture");
        assertThat(events.get(1).get("route").asText()).isEqualTo("plume");
        assertThat(events.getLast().get("type").asText()).isEqualTo("complete");
    }

    @Test
    void aQuickTextNoteIsSavedOnceWithItsFirstLineAsTitle() throws Exception {
        HttpResponse<String> first = server.post("/api/v1/capture/text",
                "{\"text\":\"Acheter du terreau\\nEt des godets.\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode note = JSON.readTree(first.body());
        assertThat(note.get("title").asText()).isEqualTo("Acheter du terreau");
        assertThat(note.get("duplicate").asBoolean()).isFalse();
        HttpResponse<String> again = server.post("/api/v1/capture/text",
                "{\"text\":\"Acheter du terreau\\nEt des godets.\",\"title\":\"autre\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id").asText()).isEqualTo(note.get("id").asText());
        HttpResponse<String> titled = server.post("/api/v1/capture/text", "{\"text\":\"x y\",\"title\":\"Mon titre\"}");
        assertThat(JSON.readTree(titled.body()).get("title").asText()).isEqualTo("Mon titre");
        HttpResponse<String> blank = server.post("/api/v1/capture/text", "{\"text\":\"   \"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("text:");
    }

    private static JsonNode upload(int status, Multipart form) throws Exception {
        HttpResponse<String> response = server.send(form.post(server.uri(DOCUMENT)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static JsonNode note(JsonNode file) throws Exception {
        return note(file.at("/notes/0/id").asText());
    }

    private static JsonNode note(String id) throws Exception {
        return JSON.readTree(server.get("/api/v1/notes/" + id).body());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
