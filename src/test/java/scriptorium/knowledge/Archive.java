package scriptorium.knowledge;

import java.nio.file.Path;
import java.util.Map;
import scriptorium.config.Settings;
import scriptorium.store.Database;
import scriptorium.store.NoteStore;

/** A real archive for tests: an H2 file and a Lucene index under a temp folder, with the real MiniLM model. */
public final class Archive implements AutoCloseable {

    final Path dataDir;
    final Database database;
    final Knowledge knowledge;

    private Archive(Path dataDir, Database database, Knowledge knowledge) {
        this.dataDir = dataDir;
        this.database = database;
        this.knowledge = knowledge;
    }

    public static Archive open(Path dataDir) {
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", dataDir.toString()));
        var database = Database.open(settings.store());
        try {
            return new Archive(dataDir, database, Knowledge.open(dataDir, database.dataSource()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public NoteService notes() {
        return knowledge.notes();
    }

    NoteStore store() {
        return new NoteStore(database.dataSource());
    }

    /** Closes everything and opens it again on the same folder: a server restart. */
    Archive reopen() {
        close();
        return open(dataDir);
    }

    @Override
    public void close() {
        try (database) {
            knowledge.close();
        }
    }
}
