package scriptorium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;
import scriptorium.config.VaultSettings;
import scriptorium.knowledge.Knowledge;
import scriptorium.knowledge.VaultStatus;
import scriptorium.llm.Agent;
import scriptorium.store.Database;
import scriptorium.store.Note;

/**
 * Issue 14: Plume's {@code update_note} on a vault note goes through the same write-back as the API: written to the
 * file when the file is as last read, refused (the model reads why) and nothing written when the file changed.
 */
class VaultToolsTest {

    @Test
    void plumeWritesAVaultNoteBackToItsFileOrIsRefusedWhenTheFileChanged(@TempDir Path data, @TempDir Path vault)
            throws Exception {
        Path file = Files.writeString(vault.resolve("sel.md"), "# Sel\n\nDu sel de Guérande.\n");
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", data.toString()));
        try (var database = Database.open(settings.store());
             var knowledge = Knowledge.open(data, database.dataSource(), null,
                     new VaultSettings.Folder(vault.toRealPath(), Duration.ofSeconds(5)))) {
            knowledge.startVault();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (knowledge.vaultStatus().state() != VaultStatus.State.WATCHING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Note note = knowledge.notes().list(null, 10, 0).notes().getFirst();
            Tool update = ArchiveTools.of(Agent.PLUME, knowledge.notes()).stream()
                    .filter(tool -> tool.name().equals("update_note")).findFirst().orElseThrow();

            update.run(Map.of("note_id", note.id(), "content", "# Sel\n\nDu sel de Guérande, gris."), new NotesWritten());
            assertThat(Files.readString(file)).isEqualTo("# Sel\n\nDu sel de Guérande, gris.\n");

            Files.writeString(file, "# Sel\n\nFleur de sel.\n"); // the vault waits 5 s of quiet: not imported yet
            assertThatThrownBy(() -> update.run(Map.of("note_id", note.id(), "content", "Sel fin."), new NotesWritten()))
                    .isInstanceOf(ToolException.class)
                    .hasMessageContaining("update_note: note " + note.id() + ": its file sel.md in the vault changed");
            assertThat(Files.readString(file)).isEqualTo("# Sel\n\nFleur de sel.\n");
            assertThat(knowledge.notes().get(note.id()).content()).isEqualTo("# Sel\n\nDu sel de Guérande, gris.");
        }
    }
}
