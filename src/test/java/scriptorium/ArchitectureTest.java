package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The import fences of STYLE.md §3: each external system is touched by one package only. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/scriptorium");

    @ParameterizedTest(name = "{0} only in {1}")
    @CsvSource({
            "import dev.langchain4j.model.chat, llm",
            "import dev.langchain4j.data.message, llm",
            "import org.apache.lucene, knowledge",
            "import java.sql, store",
            "import redis.clients, run/redis",
            "import io.javalin, http"})
    void importsStayInsideTheirPackage(String prefix, String home) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                boolean inside = MAIN.relativize(file).toString().startsWith(home + "/");
                if (!inside && Files.readAllLines(file).stream().anyMatch(line -> line.startsWith(prefix))) {
                    offenders.add(MAIN.relativize(file).toString());
                }
            }
        }
        assertThat(offenders).as("files importing %s outside %s", prefix, home).isEmpty();
    }
}
