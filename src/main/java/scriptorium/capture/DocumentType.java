package scriptorium.capture;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The documents a capture takes, by file extension (else by declared type), and how each becomes text. */
enum DocumentType {
    MARKDOWN, TEXT, HTML, PDF;

    static final String ACCEPTED = "Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf)";

    static Optional<DocumentType> of(String fileName, String contentType) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "md", "markdown" -> Optional.of(MARKDOWN);
            case "txt", "text" -> Optional.of(TEXT);
            case "html", "htm", "xhtml" -> Optional.of(HTML);
            case "pdf" -> Optional.of(PDF);
            default -> switch (type) {
                case "text/markdown", "text/x-markdown" -> Optional.of(MARKDOWN);
                case "text/plain" -> Optional.of(TEXT);
                case "text/html", "application/xhtml+xml" -> Optional.of(HTML);
                case "application/pdf" -> Optional.of(PDF);
                default -> Optional.empty();
            };
        };
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The document's text, Markdown where it had structure (HTML headings and lists, a PDF's title as front matter).
     *
     * @throws CaptureRefused 422 for a file that is not what its type says, or has no text
     */
    String text(byte[] bytes) {
        return switch (this) {
            case MARKDOWN, TEXT -> utf8(bytes);
            case HTML -> HtmlText.of(utf8(bytes));
            case PDF -> PdfText.of(bytes);
        };
    }

    static String utf8(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CaptureRefused(422, "unreadable_document", "not valid UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new CaptureRefused(422, "unreadable_document", "binary content (NUL bytes), not a text file");
        }
        return text;
    }

    /** A YAML front matter block with {@code title}, as an exported note has: the import rules read it back. */
    static String withTitle(String title, String body) {
        if (title == null || title.isBlank()) {
            return body;
        }
        String quoted = "\"" + title.strip().replaceAll("\\s+", " ").replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return "---\ntitle: " + quoted + "\n---\n" + body;
    }
}
