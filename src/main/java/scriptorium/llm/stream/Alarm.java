package scriptorium.llm.stream;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A deadline that runs an action when it passes, unless disarmed before; remembers whether it rang. */
public final class Alarm implements AutoCloseable {

    private final ScheduledFuture<?> ring;
    private volatile boolean rang;

    Alarm(ScheduledExecutorService clock, Duration delay, Runnable action) {
        this.ring = clock.schedule(() -> {
            rang = true;
            action.run();
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean rang() {
        return rang;
    }

    public void disarm() {
        ring.cancel(false);
    }

    @Override
    public void close() {
        disarm();
    }
}
