package scriptorium.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A sink that keeps what a model call reported, and lets a test wait for its first text. */
public final class EventRecorder implements Consumer<ModelEvent> {

    private final List<ModelEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstDelta = new CountDownLatch(1);

    @Override
    public void accept(ModelEvent event) {
        events.add(event);
        if (event instanceof ModelEvent.TextDelta) {
            firstDelta.countDown();
        }
    }

    public List<ModelEvent> events() {
        return List.copyOf(events);
    }

    public List<String> deltas() {
        return events.stream().filter(ModelEvent.TextDelta.class::isInstance)
                .map(e -> ((ModelEvent.TextDelta) e).text()).toList();
    }

    public List<ModelEvent.Retrying> retries() {
        return events.stream().filter(ModelEvent.Retrying.class::isInstance).map(ModelEvent.Retrying.class::cast)
                .toList();
    }

    public boolean awaitFirstDelta() throws InterruptedException {
        return firstDelta.await(5, TimeUnit.SECONDS);
    }
}
