package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code chat}'s arguments read without picocli ({@link ChatCommand#direct}) mean what picocli makes of them. */
class ChatArgumentsTest {

    @Test
    void theEverydayFormsReadAsPicocliReadsThem() {
        for (List<String> args : List.of(
                List.of("chat", "Mimir, cherche Lucene"),
                List.of("chat", "Plume, note", "--raw"),
                List.of("chat", "--raw", "--mode", "plume", "Plume, note"),
                List.of("chat", "Mimir", "--url", "http://127.0.0.1:9", "--session", "s-1", "--mode=mimir"),
                List.of("chat", "--url=http://h:1/", "--session=s-2", "=equals= in the message", "--raw"),
                List.of("chat", ""),
                List.of("chat", " "))) {
            var direct = ChatCommand.direct(args.toArray(String[]::new));
            assertThat(direct).as("%s", args).isPresent();
            var picocli = new ChatCommand();
            new CommandLine(picocli).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            assertThat(fields(direct.get())).as("%s", args).isEqualTo(fields(picocli));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> args : List.of(
                List.of("chat"), List.of("chat", "--help"), List.of("chat", "-h"), List.of("chat", "hi", "-V"),
                List.of("chat", "hi", "--version"), List.of("chat", "one", "two"), List.of("chat", "hi", "--mode"),
                List.of("chat", "hi", "--mode", "--raw"), List.of("chat", "hi", "--raw", "--raw"),
                List.of("chat", "hi", "--raw=true"), List.of("chat", "hi", "--mode", "a", "--mode=b"),
                List.of("chat", "hi", "--verbose"), List.of("chat", "--", "-dash"), List.of("chat", "@message.txt"),
                List.of("chat", "hi", "--url", "@url.txt"), List.of("serve"), List.of("import", "folder"), List.<String>of())) {
            assertThat(ChatCommand.direct(args.toArray(String[]::new))).as("%s", args).isEmpty();
        }
    }

    private static List<Object> fields(ChatCommand chat) {
        return java.util.Arrays.asList(chat.message, chat.mode, chat.session, chat.url, chat.raw);
    }
}
