package scriptorium.knowledge;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did.
 *
 * @param skipped files whose content the archive already had (imported before, or a duplicate in the folder)
 * @param failed  files that could not be imported, each with why; an import never stops at a bad file
 */
public record ImportReport(int imported, int skipped, List<Failure> failed) {
    public ImportReport {
        failed = List.copyOf(failed);
    }

    public record Failure(Path file, String reason) {}
}
