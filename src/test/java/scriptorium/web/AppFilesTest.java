package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The installable app's files agree with each other: the manifest's icons exist at their sizes, the service
 *  worker precaches files that exist (and the WebJar versions the page imports). */
class AppFilesTest {

    private static final Path PUBLIC = Path.of("src/main/resources/public");

    @Test
    void everyManifestIconIsAPngOfItsDeclaredSize() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(PUBLIC.resolve("manifest.json").toFile());
        assertThat(manifest.get("display").asText()).isEqualTo("standalone");
        assertThat(manifest.get("icons").findValuesAsText("sizes")).contains("192x192", "512x512");
        assertThat(manifest.get("icons").findValuesAsText("purpose")).contains("maskable");
        for (JsonNode icon : manifest.get("icons")) {
            byte[] png = Files.readAllBytes(PUBLIC.resolve(icon.get("src").asText().substring(1)));
            ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
            assertThat(header.getInt() + "x" + header.getInt()).isEqualTo(icon.get("sizes").asText());
        }
    }

    @Test
    void theServiceWorkerPrecachesFilesThatExistAndTheWebJarsThePageImports() throws IOException {
        String worker = Files.readString(PUBLIC.resolve("sw.js"));
        String page = Files.readString(PUBLIC.resolve("index.html"));
        Matcher list = Pattern.compile("const PRECACHE = \\[(.*?)\\];", Pattern.DOTALL).matcher(worker);
        assertThat(list.find()).isTrue();
        Matcher path = Pattern.compile("\"(/[^\"]*)\"").matcher(list.group(1));
        int files = 0;
        while (path.find()) {
            String file = path.group(1);
            if (file.startsWith("/webjars/")) {
                assertThat(page).as("the page imports " + file).contains(file);
            } else if (!file.equals("/")) {
                assertThat(PUBLIC.resolve(file.substring(1))).as(file).exists();
                files++;
            }
        }
        // Modules missing from the list are still cached the first time they load online (network first, then cache).
        assertThat(files).isGreaterThan(10);
    }
}
