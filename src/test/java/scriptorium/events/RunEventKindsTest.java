package scriptorium.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PROTOCOL §4.1 by construction: what nodes, agents and tools can emit is a step, never `start` or a terminal. */
class RunEventKindsTest {

    @Test
    void theEmitterTakesStepsOnly() {
        Method[] methods = Arrays.stream(Emitter.class.getMethods()).filter(m -> !m.isDefault()).toArray(Method[]::new);
        assertThat(methods).singleElement().satisfies(emit ->
                assertThat(emit.getParameterTypes()).containsExactly(RunEvent.Step.class));
    }

    @Test
    void startAndTerminalEventsAreNotSteps() {
        for (Class<?> kind : RunEvent.class.getPermittedSubclasses()) {
            if (kind == RunEvent.Start.class || kind == RunEvent.Terminal.class) {
                assertThat(RunEvent.Step.class.isAssignableFrom(kind)).as(kind.getSimpleName()).isFalse();
            } else {
                assertThat(kind).as("every other event is a step").isEqualTo(RunEvent.Step.class);
            }
        }
        for (Class<?> terminal : RunEvent.Terminal.class.getPermittedSubclasses()) {
            assertThat(RunEvent.Step.class.isAssignableFrom(terminal)).as(terminal.getSimpleName()).isFalse();
        }
    }
}
