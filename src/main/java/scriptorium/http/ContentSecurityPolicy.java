package scriptorium.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's Content-Security-Policy (issue 10): only our own scripts, styles, fetches and images (plus data:
 * images), no plugins, no framing, no {@code <base>}. The page's one inline script, its import map, is allowed by
 * its hash, computed here from the page itself so that editing the map cannot silently break the page.
 */
final class ContentSecurityPolicy {

    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private ContentSecurityPolicy() {}

    static String forPage() {
        return "default-src 'self'; script-src 'self'" + importMapHash() + "; img-src 'self' data:;"
                + " object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private static String importMapHash() {
        try (InputStream page = ContentSecurityPolicy.class.getResourceAsStream("/public/index.html")) {
            if (page == null) {
                return "";
            }
            Matcher map = IMPORT_MAP.matcher(new String(page.readAllBytes(), StandardCharsets.UTF_8));
            if (!map.find()) {
                return "";
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(map.group(1).getBytes(StandardCharsets.UTF_8));
            return " 'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page from the jar", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
