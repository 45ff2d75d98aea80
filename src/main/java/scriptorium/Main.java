package scriptorium;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import scriptorium.cli.ChatCommand;
import scriptorium.cli.ExportCommand;
import scriptorium.cli.ImportCommand;
import scriptorium.cli.LoginCommand;
import scriptorium.cli.McpCommand;
import scriptorium.cli.ServeCommand;

/** The {@code scriptorium} command. */
@Command(name = "scriptorium", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Plume and Mimir, a streaming multi-agent knowledge assistant.",
        subcommands = {ServeCommand.class, ChatCommand.class, ImportCommand.class, ExportCommand.class, LoginCommand.class,
                McpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) throws InterruptedException {
        // `serve` alone and `chat` in its everyday forms skip picocli (ChatCommand.direct says why): both must start
        // quickly. --help, -V and every other command are picocli's.
        if (args.length == 1 && args[0].equals("serve")) {
            System.exit(new ServeCommand().call());
        }
        var chat = ChatCommand.direct(args);
        System.exit(chat.isPresent() ? chat.get().call() : new CommandLine(new Main()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"scriptorium " + App.VERSION};
        }
    }
}
