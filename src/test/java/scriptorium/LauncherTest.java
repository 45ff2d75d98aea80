package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./scriptorium} launcher picks a JDK 21+ by itself, whatever {@code java} on PATH is: run here with
 * fake JDKs (a release file and two scripts each), through its {@code doctor} command, which changes nothing.
 */
class LauncherTest {

    @TempDir
    Path temp;

    @Test
    void withJava17OnThePathTheNewestInstalledJdkIsPicked() throws Exception {
        Path jvms = temp.resolve("jvm");
        jdk(jvms.resolve("jdk-17"), "17.0.12");
        jdk(jvms.resolve("jdk-21"), "21.0.5");
        jdk(jvms.resolve("jdk-25"), "25.0.1");
        var run = doctor(Map.of("SCRIPTORIUM_JDK_DIRS", jvms.toString(), "PATH", path(jvms.resolve("jdk-17"))));
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("JDK: " + jvms.resolve("jdk-25") + " (25)");
    }

    @Test
    void aJavaHomeOf21OrNewerIsKeptAndAnOlderOneIsPassedOver() throws Exception {
        Path jvms = temp.resolve("jvm");
        jdk(jvms.resolve("jdk-17"), "17.0.12");
        jdk(jvms.resolve("jdk-21"), "21.0.5");
        jdk(jvms.resolve("jdk-25"), "25.0.1");
        var kept = doctor(Map.of("SCRIPTORIUM_JDK_DIRS", jvms.toString(), "JAVA_HOME", jvms.resolve("jdk-21").toString()));
        assertThat(kept.output).contains("JDK: " + jvms.resolve("jdk-21") + " (21)");
        var passedOver = doctor(Map.of("SCRIPTORIUM_JDK_DIRS", jvms.toString(),
                "JAVA_HOME", jvms.resolve("jdk-17").toString()));
        assertThat(passedOver.output).contains("JDK: " + jvms.resolve("jdk-25") + " (25)");
    }

    @Test
    void withNoJdk21AnywhereItSaysWhatToInstallAndExitsOne() throws Exception {
        Path jvms = temp.resolve("jvm");
        jdk(jvms.resolve("jdk-17"), "17.0.12");
        var run = doctor(Map.of("SCRIPTORIUM_JDK_DIRS", jvms.toString(), "PATH", path(jvms.resolve("jdk-17"))));
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.output).contains("needs a JDK 21 or newer", "install one");
    }

    /** A JDK as the launcher sees it: a release file with its version, and executable java and javac. */
    private static void jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        for (String tool : List.of("java", "javac")) {
            Path script = home.resolve("bin").resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A PATH whose {@code java} is that JDK's, then the system's tools (but no other java). */
    private String path(Path jdk) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.deleteIfExists(bin.resolve("java"));
        Files.createSymbolicLink(bin.resolve("java"), jdk.resolve("bin/java"));
        return bin + ":/usr/bin:/bin";
    }

    private record Run(int exit, String output) {}

    private static Run doctor(Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder("./scriptorium", "doctor").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/bin:/bin"); // Debian's /usr/bin/java may be a 17
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
