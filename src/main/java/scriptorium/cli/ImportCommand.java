package scriptorium.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scriptorium.Logging;
import scriptorium.config.Settings;
import scriptorium.knowledge.ImportReport;
import scriptorium.knowledge.Importer;
import scriptorium.knowledge.Knowledge;
import scriptorium.store.Database;

/**
 * {@code scriptorium import PATH}: imports a folder of Markdown or text files (an Obsidian vault), with a progress
 * bar. Through the server when one runs (it holds the database and index locks), else into the archive of
 * {@code SCRIPTORIUM_DATA} directly. Bad files are listed, never fatal.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a folder of Markdown or text files as notes"
        + " (front matter title and tags are used; files already imported are skipped). Goes through the server"
        + " when one answers at the URL, else works on the data folder.")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "a folder (read recursively) or one file")
    Path path;

    @picocli.CommandLine.Option(names = "--user", paramLabel = "NAME",
            description = "accounts mode: whose archive the notes go into")
    String user;
    @Option(names = "--url", description = "Server URL (default: $SCRIPTORIUM_URL or http://localhost:$PORT);"
            + " given, the import goes through it or fails.")
    String url;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.exists(path)) {
            System.err.println("scriptorium import: " + path + " does not exist");
            return 2;
        }
        Optional<Server> server = Server.find(Server.url(url));
        if (server.isPresent()) {
            return new RemoteImport(server.get(), System.out, System.err).run(path);
        }
        if (url != null) {
            System.err.println("scriptorium import: cannot reach " + url + ": is `scriptorium serve` running?");
            return 2;
        }
        return local();
    }

    /** No server is up: opens the data folder itself. */
    private int local() throws IOException {
        Optional<Settings> read = EnvironmentSettings.read();
        if (read.isEmpty()) {
            return 2;
        }
        Settings settings = read.get();
        Logging.apply(settings.log()); // the archive logs as it opens: in the format LOG_FORMAT asks for
        long started = System.nanoTime();
        Database database;
        Knowledge knowledge;
        try {
            database = Database.open(settings.store());
        } catch (RuntimeException e) {
            return ArchiveLocked.report("import", settings, e);
        }
        Optional<String> owner = ArchiveOwner.of("import", settings, database, user);
        if (owner.isEmpty()) {
            database.close();
            return 2;
        }
        try {
            knowledge = Knowledge.open(settings.store().dataDir(), database.dataSource());
        } catch (RuntimeException e) {
            database.close();
            return ArchiveLocked.report("import", settings, e);
        }
        try (database; knowledge) {
            ImportReport report = new Importer(knowledge.notes(owner.get())).run(path, new ProgressBar(System.err));
            System.out.printf("imported %d note(s), skipped %d already in the archive, %d failed, in %.1f s%n",
                    report.imported(), report.skipped(), report.failed().size(),
                    (System.nanoTime() - started) / 1e9);
            report.failed().forEach(failure ->
                    System.out.println("  failed: " + failure.file() + ": " + failure.reason()));
            return 0;
        }
    }
}
