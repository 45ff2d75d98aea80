package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import scriptorium.Main;
import scriptorium.testing.TestServer;

/** {@code scriptorium login}, then {@code scriptorium chat} with the token it kept, against a server in accounts mode. */
class LoginCommandTest {

    @TempDir
    Path config;

    @Test
    void loginKeepsATokenReadableByTheUserAloneAndChatUsesIt() throws Exception {
        System.setProperty("scriptorium.config", config.toString());
        try (var server = TestServer.start(Map.of("AUTH_MODE", "accounts", "ADMIN_PASSWORD", "admin-password-1"))) {
            String url = server.uri("").toString();
            var before = run("", "chat", "Plume, note : avant.", "--url", url);
            assertThat(before.exit).isEqualTo(2);
            assertThat(before.err).contains("scriptorium login");

            var wrong = run("admin\nnot-the-password\n", "login", "--url", url);
            assertThat(wrong.exit).isEqualTo(2);
            assertThat(wrong.err).contains("401").contains("wrong");

            var login = run("admin\nadmin-password-1\n", "login", "--url", url);
            assertThat(login.exit).as(login.err).isZero();
            Path file = config.resolve("tokens.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).contains("scr_").doesNotContain("admin-password-1");

            var chat = run("", "chat", "Plume, note : le token marche.", "--url", url);
            assertThat(chat.exit).as(chat.err).isZero();
            assertThat(chat.out).contains("[Plume → User]");
        } finally {
            System.clearProperty("scriptorium.config");
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
