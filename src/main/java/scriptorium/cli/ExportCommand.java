package scriptorium.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import scriptorium.config.Settings;
import scriptorium.knowledge.Exporter;
import scriptorium.store.Database;
import scriptorium.store.NoteStore;

/** {@code scriptorium export PATH}: writes every note as a Markdown file with front matter. Stop the server first. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write every note as a Markdown file (with front matter) into a folder."
        + " Stop the server first.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "the folder to write into (created if missing)")
    Path path;

    @Override
    public Integer call() throws IOException {
        Optional<Settings> read = EnvironmentSettings.read();
        if (read.isEmpty()) {
            return 2;
        }
        Settings settings = read.get();
        Database database;
        try {
            database = Database.open(settings.store());
        } catch (RuntimeException e) {
            return ArchiveLocked.report("export", settings, e);
        }
        try (database) {
            int written = new Exporter(new NoteStore(database.dataSource())).run(path);
            System.out.printf("exported %d note(s) to %s%n", written, path.toAbsolutePath());
            return 0;
        }
    }
}
