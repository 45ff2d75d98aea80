package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;
import scriptorium.store.StoreException;

/**
 * The database and the archive open side by side, once started; a database that cannot open fails the start with its
 * own cause.
 */
class StorageTest {

    @Test
    void bothOpenAndTheArchiveReadsTheDatabase(@TempDir Path data) {
        var storage = Storage.open(Settings.from(Map.of("SCRIPTORIUM_DATA", data.toString())));
        try {
            assertThat(storage.knowledge().notes()).isNotNull();
            assertThat(Files.isDirectory(data.resolve("index"))).isTrue();
        } finally {
            storage.knowledge().close();
            storage.database().close();
        }
        // Opened again on what the first left: the archive reconciles its index with the notes of the database.
        var again = Storage.open(Settings.from(Map.of("SCRIPTORIUM_DATA", data.toString())));
        again.knowledge().close();
        again.database().close();
    }

    @Test
    void nothingOpensBeforeTheStartSaysSoAndAStorageClosedBeforeThatStillCloses(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("data");
        var storage = Storage.opening(Settings.from(Map.of("SCRIPTORIUM_DATA", data.toString())));
        Thread.sleep(200); // time enough for an opening started too early to create the folder
        assertThat(data).doesNotExist(); // the server listens first, with the cores to itself (issue 16)
        storage.close(); // opens, then closes what it opened: never waits for an opening that would not come
        assertThat(data.resolve("scriptorium.mv.db")).exists();
    }

    @Test
    void aDatabaseThatCannotOpenFailsTheStartWithItsOwnCause(@TempDir Path folder) throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("file"), "not a folder");
        assertThatThrownBy(() -> Storage.open(Settings.from(Map.of("SCRIPTORIUM_DATA", notAFolder.toString()))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot create the data folder");
    }
}
