package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import scriptorium.Main;

/** {@code --help} on every command prints its usage and exits 0, before any check of the other arguments. */
class HelpTest {

    @Test
    void everyCommandPrintsItsHelpAndExitsZero() {
        List<String> commands = new ArrayList<>(new CommandLine(new Main()).getSubcommands().keySet());
        commands.remove("help"); // picocli's own `help` subcommand takes a command name, not --help
        assertThat(commands).contains("serve", "chat", "import", "export");
        for (String command : commands) {
            for (String flag : List.of("--help", "-h")) {
                var out = new StringWriter();
                var err = new StringWriter();
                var line = new CommandLine(new Main());
                line.setOut(new PrintWriter(out));
                line.setErr(new PrintWriter(err));
                int exit = line.execute(command, flag);
                assertThat(exit).as("%s %s exit code", command, flag).isZero();
                assertThat(out.toString()).as("%s %s", command, flag).startsWith("Usage: scriptorium " + command);
                assertThat(err.toString()).as("%s %s on stderr", command, flag).isEmpty();
            }
        }
    }

    @Test
    void theTopLevelHelpListsTheCommands() {
        var out = new StringWriter();
        var line = new CommandLine(new Main());
        line.setOut(new PrintWriter(out));
        assertThat(line.execute("--help")).isZero();
        assertThat(out.toString()).contains("serve", "chat", "import", "export");
    }
}
