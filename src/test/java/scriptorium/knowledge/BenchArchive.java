package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import scriptorium.config.Settings;
import scriptorium.store.Database;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;

/** For the search benchmark: the database and index under a data folder, with a chosen embedder. */
record BenchArchive(Database database, LuceneSearchIndex index, NoteService notes) implements AutoCloseable {

    static BenchArchive open(Path data, Embedder embedder) {
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", data.toString()));
        Database database = Database.open(settings.store());
        var store = new NoteStore(database.dataSource());
        var index = LuceneSearchIndex.open(data.resolve("index"), embedder, store,
                new EmbeddingStore(database.dataSource()));
        return new BenchArchive(database, index, new NoteService(store, new scriptorium.store.TrashStore(database.dataSource()), index,
                Clock.systemUTC(), scriptorium.store.UserStore.LOCAL_OWNER));
    }

    @Override
    public void close() {
        try (database) {
            index.close();
        }
    }
}
