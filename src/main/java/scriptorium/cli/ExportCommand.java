package scriptorium.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scriptorium.Logging;
import scriptorium.config.Settings;
import scriptorium.knowledge.Exporter;
import scriptorium.store.Database;
import scriptorium.store.NoteStore;

/**
 * {@code scriptorium export PATH}: writes every note as a Markdown file with front matter. Through the server when
 * one runs, else from the database of {@code SCRIPTORIUM_DATA} directly.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every note as a Markdown file (with front matter) into a folder."
        + " Goes through the server when one answers at the URL, else reads the data folder.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "the folder to write into (created if missing)")
    Path path;

    @picocli.CommandLine.Option(names = "--user", paramLabel = "NAME",
            description = "accounts mode: whose notes to export")
    String user;
    @Option(names = "--url", description = "Server URL (default: $SCRIPTORIUM_URL or http://localhost:$PORT);"
            + " given, the export goes through it or fails.")
    String url;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<Server> server = Server.find(Server.url(url));
        if (server.isPresent()) {
            return new RemoteExport(server.get(), System.out, System.err).run(path);
        }
        if (url != null) {
            System.err.println("scriptorium export: cannot reach " + url + ": is `scriptorium serve` running?");
            return 2;
        }
        return local();
    }

    /** No server is up: reads the database itself. */
    private int local() throws IOException {
        Optional<Settings> read = EnvironmentSettings.read();
        if (read.isEmpty()) {
            return 2;
        }
        Settings settings = read.get();
        Logging.apply(settings.log()); // the archive logs as it opens: in the format LOG_FORMAT asks for
        Database database;
        try {
            database = Database.open(settings.store());
        } catch (RuntimeException e) {
            return ArchiveLocked.report("export", settings, e);
        }
        try (database) {
            Optional<String> owner = ArchiveOwner.of("export", settings, database, user);
            if (owner.isEmpty()) {
                return 2;
            }
            int written = new Exporter(new NoteStore(database.dataSource()), owner.get()).run(path);
            System.out.printf("exported %d note(s) to %s%n", written, path.toAbsolutePath());
            return 0;
        }
    }
}
