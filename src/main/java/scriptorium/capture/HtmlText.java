package scriptorium.capture;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An HTML page as clean Markdown text (jsoup): headings, paragraphs, lists, quotes and code kept as structure;
 * scripts, styles, navigation, forms and every attribute dropped. The page's {@code <title>} becomes the note's.
 */
final class HtmlText {

    private final StringBuilder out = new StringBuilder();

    private HtmlText() {}

    static String of(String html) {
        Document page = Jsoup.parse(html);
        String title = page.title(); // read before <head> goes with the rest of what is not text
        page.select("script, style, noscript, template, iframe, object, embed, svg, canvas, nav, form, button,"
                + " select, input, textarea, head").remove();
        var text = new HtmlText();
        text.block(page.body());
        String body = text.out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return DocumentType.withTitle(title, body);
    }

    private void block(Element element) {
        for (Node child : element.childNodes()) {
            switch (child) {
                case TextNode text -> out.append(text.text().replaceAll("\\s+", " "));
                case Element e -> element(e);
                default -> { } // comments, doctype: not text
            }
        }
    }

    private void element(Element e) {
        String tag = e.normalName();
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" ->
                    paragraph("#".repeat(tag.charAt(1) - '0') + " " + e.text().strip());
            case "p", "div", "section", "article", "main", "header", "footer", "aside", "figure", "table", "tr",
                 "dl", "dd", "dt" -> {
                out.append("\n\n");
                block(e);
                out.append("\n\n");
            }
            case "br" -> out.append("\n");
            case "li" -> {
                out.append("\n- ");
                block(e);
            }
            case "ul", "ol" -> {
                out.append("\n");
                block(e);
                out.append("\n\n");
            }
            case "pre" -> paragraph("```\n" + e.wholeText().strip() + "\n```");
            case "blockquote" -> paragraph("> " + e.text().strip());
            case "td", "th" -> {
                block(e);
                out.append(" ");
            }
            default -> block(e);
        }
    }

    private void paragraph(String text) {
        out.append("\n\n").append(text).append("\n\n");
    }
}
