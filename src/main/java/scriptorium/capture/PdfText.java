package scriptorium.capture;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text layer (pdfbox), pages in reading order, its document title as the note's. A scanned PDF has no text
 * layer: it is refused as such rather than saved empty (recognising text in images is not done here).
 */
final class PdfText {

    private PdfText() {}

    static String of(byte[] bytes) {
        if (bytes.length < 5 || !new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
            throw new CaptureRefused(422, "unreadable_document", "not a PDF (it does not start with %PDF-)");
        }
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            var stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphStart("\n");
            String text = stripper.getText(pdf).replace("\r\n", "\n").replaceAll("[ \\t]+\\n", "\n")
                    .replaceAll("\\n{3,}", "\n\n").strip();
            if (text.isEmpty()) {
                throw new CaptureRefused(422, "no_text_layer", "the PDF has no text layer (a scan?): nothing to import");
            }
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            return DocumentType.withTitle(title, text);
        } catch (InvalidPasswordException e) {
            throw new CaptureRefused(422, "unreadable_document", "the PDF is protected by a password");
        } catch (IOException e) {
            throw new CaptureRefused(422, "unreadable_document", "not a readable PDF (" + e.getMessage() + ")");
        } catch (CaptureRefused e) {
            throw e;
        } catch (RuntimeException e) { // a malformed file can trip pdfbox's parser anywhere: still a bad file, not a bug
            throw new CaptureRefused(422, "unreadable_document", "not a readable PDF (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
