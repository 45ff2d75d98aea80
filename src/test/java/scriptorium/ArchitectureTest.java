package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape of ARCHITECTURE.md, enforced: packages import each other only downwards in its drawing, and each
 * external system is touched by the one package that owns it (STYLE.md §3).
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/scriptorium");
    private static final Pattern OUR_IMPORT = Pattern.compile("^import (?:static )?scriptorium\\.([a-z]+)\\.");

    /**
     * ARCHITECTURE.md's package order, top first. A package imports only packages on a lower line; packages on
     * one line do not import each other. The root package (App, Main) wires them all.
     */
    private static final List<List<String>> LAYERS = List.of(
            List.of("cli"),
            List.of("http", "mcp"),
            List.of("access"),
            List.of("capture"),
            List.of("run"),
            List.of("orchestrator"),
            List.of("agent"),
            List.of("events"),
            List.of("knowledge", "llm"),
            List.of("store"),
            List.of("config", "json"));

    @Test
    void packagesImportOnlyThoseBelowThemInTheDrawing() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            Path relative = MAIN.relativize(file);
            if (relative.getNameCount() < 2) {
                continue; // App and Main: the wiring
            }
            String from = relative.getName(0).toString();
            int fromLayer = layer(from);
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = OUR_IMPORT.matcher(line);
                if (matcher.find() && !matcher.group(1).equals(from) && layer(matcher.group(1)) >= fromLayer) {
                    offenders.add(relative + " imports " + matcher.group(1));
                }
            }
        }
        assertThat(offenders).as("imports that point up or sideways in ARCHITECTURE.md's drawing").isEmpty();
    }

    @Test
    void everyPackageHasItsPlaceInTheDrawing() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                assertThat(LAYERS.stream().flatMap(List::stream))
                        .as("package %s is drawn in ARCHITECTURE.md and listed here", dir.getFileName())
                        .contains(dir.getFileName().toString());
            }
        }
    }

    @Test
    void theCheckCatchesAnImportThatPointsUp() {
        assertThat(layer("knowledge")).isLessThan(layer("agent"));
        assertThat(layer("llm")).isEqualTo(layer("knowledge"));
        assertThat(OUR_IMPORT.matcher("import scriptorium.agent.Tool;").find()).isTrue();
    }

    /** @param home where the import may appear: path prefixes under scriptorium/, separated by spaces */
    @ParameterizedTest(name = "{0} only in {1}")
    @CsvSource({
            "import org.apache.lucene, knowledge",
            "import javax.net, llm/stream",
            "import org.jsoup, capture/",
            "import org.apache.pdfbox, capture/",
            "import java.sql, store",
            "import com.zaxxer, store",
            "import org.flywaydb, store",
            "import io.javalin, http",
            "import redis.clients, events/redis",
            "import org.eclipse.jetty, http",
            "import io.modelcontextprotocol, mcp",
            "import reactor, mcp"})
    void importsStayInsideTheirPackage(String prefix, String home) throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            String path = MAIN.relativize(file).toString();
            boolean inside = java.util.Arrays.stream(home.split(" "))
                    .anyMatch(place -> path.startsWith(place.endsWith(".java") || place.endsWith("/") ? place : place + "/"));
            if (!inside && Files.readAllLines(file).stream().anyMatch(line -> line.startsWith(prefix))) {
                offenders.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(offenders).as("files importing %s outside %s", prefix, home).isEmpty();
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return LAYERS.size() - i;
            }
        }
        throw new AssertionError("package " + pkg + " is not in ARCHITECTURE.md's drawing");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
