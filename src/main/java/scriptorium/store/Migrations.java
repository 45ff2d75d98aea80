package scriptorium.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema brought to the newest migration: Flyway's migrate, unless Flyway's own history already lists every
 * migration of this build, applied, with the checksum of its file as it is now. Then there is nothing to do, and
 * Flyway's start (its configuration, a scan of the 30 000-entry jar, its history and validation) was most of the
 * database's opening (issue 16). Any difference, or a history that cannot be read, and Flyway runs as always:
 * it migrates, or says what is wrong.
 */
final class Migrations {

    /** The files under {@code db/migration}, in order: a new migration is added here too (MigrationsTest checks). */
    static final List<String> SCRIPTS = List.of("V1__conversations_runs_messages.sql", "V2__notes.sql",
            "V3__note_embeddings.sql", "V4__accounts.sql", "V5__note_history.sql", "V6__change_feed.sql",
            "V7__message_citations.sql", "V8__vault_links.sql");

    private Migrations() {}

    static void migrate(DataSource dataSource) {
        if (!current(dataSource)) {
            Flyway.configure().dataSource(dataSource).load().migrate();
        }
    }

    /** Whether Flyway's history holds exactly this build's migrations, each applied, with its file's checksum. */
    static boolean current(DataSource dataSource) {
        Map<String, Integer> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"script\", \"checksum\", \"success\" FROM"
                     + " \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            while (rows.next()) {
                if (!rows.getBoolean("success")) {
                    return false;
                }
                applied.put(rows.getString("script"), rows.getInt("checksum"));
            }
        } catch (SQLException e) {
            return false; // no history yet (a new database), or not one we know how to read: Flyway decides
        }
        if (applied.size() != SCRIPTS.size()) {
            return false;
        }
        for (String script : SCRIPTS) {
            Integer recorded = applied.get(script);
            if (recorded == null || !recorded.equals(checksum(script))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Flyway's checksum of a migration: CRC-32 of its lines' UTF-8 bytes, without line breaks or a leading BOM.
     * Null if this build has no such file.
     */
    static Integer checksum(String script) {
        var crc = new CRC32();
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                return null;
            }
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migration " + script, e);
        }
        return (int) crc.getValue();
    }
}
