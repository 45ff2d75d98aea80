package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;

/** Flyway is skipped only when its history holds this build's migrations exactly, as Flyway itself checksums them. */
class MigrationsTest {

    @Test
    void theListIsTheMigrationFolderInVersionOrder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
                    .toList();
            assertThat(Migrations.SCRIPTS).isEqualTo(names);
        }
    }

    @Test
    void aMigratedDatabaseIsCurrentAndAnyDifferenceLetsFlywayDecide(@TempDir Path data) throws SQLException {
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", data.toString())).store();
        try (var database = Database.open(settings)) {
            // Flyway migrated it: our checksums are Flyway's, so the next start skips Flyway.
            assertThat(Migrations.current(database.dataSource())).isTrue();
            try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1"
                        + " WHERE \"script\" = 'V2__notes.sql'");
            }
            assertThat(Migrations.current(database.dataSource())).isFalse();
        }
        try (var reopened = Database.open(settings)) {
            throw new AssertionError("an edited migration must reach Flyway's validation, which refuses it");
        } catch (StoreException expected) {
            assertThat(expected).hasMessageContaining("cannot migrate the database schema");
        }
    }
}
