package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A bare {@code scriptorium serve} runs {@code new ServeCommand().call()} without picocli (Main): that is what picocli
 * would run only while no option of {@code serve} has a default value for picocli to set.
 */
class ServeDirectTest {

    @Test
    void noOptionOfServeHasADefaultValue() {
        var spec = new CommandLine(new ServeCommand()).getCommandSpec();
        for (var option : spec.options()) {
            assertThat(option.defaultValue()).as(option.longestName()).isNull();
        }
        assertThat(spec.positionalParameters()).isEmpty();
    }
}
