package scriptorium.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static scriptorium.llm.ModelFixtures.FAST;
import static scriptorium.llm.ModelFixtures.ask;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.anthropic.AnthropicModel;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.llm.fake.Scripted.Fault;

/** Retries against the fake Anthropic server: what is tried again, how often, after how long, and what is not. */
@Timeout(20)
class RetryingModelTest {

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final AnthropicModel adapter = new AnthropicModel(ModelFixtures.anthropic(fake, FAST, true), Pricing.load());
    private final RetryingModel model = new RetryingModel(adapter, FAST);

    @AfterEach
    void close() {
        adapter.close();
        fake.close();
    }

    @Test
    void anOverloadBeforeTheFirstTokenIsRetriedAndEachRetryIsAnnounced() {
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"), Scripted.Status.of(500, "api_error"),
                Scripted.Reply.text("Enfin ", "là."));
        var sink = new EventRecorder();

        ModelReply reply = model.call(ask("plume", "Bonjour"), sink);

        assertThat(reply.text()).isEqualTo("Enfin là.");
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(sink.retries()).extracting(ModelEvent.Retrying::attempt, ModelEvent.Retrying::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Kind.OVERLOADED),
                        org.assertj.core.groups.Tuple.tuple(2, Kind.UNAVAILABLE));
        assertThat(sink.events().getLast()).isEqualTo(new ModelEvent.TextDelta("là."));
    }

    @Test
    void afterTheLastAttemptTheLastFailureIsThrownWithTheEarlierOnesSuppressed() {
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"), Scripted.Status.of(529, "overloaded_error"),
                Scripted.Status.of(529, "overloaded_error"), Scripted.Reply.text("trop tard"));
        var sink = new EventRecorder();

        var e = catchThrowableOfType(ModelException.class, () -> model.call(ask("plume", "Bonjour"), sink));

        assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(e.kind().code()).isEqualTo("model_overloaded");
        assertThat(e.kind().retryable()).isTrue();
        assertThat(e.getSuppressed()).hasSize(2);
        assertThat(sink.retries()).hasSize(2);
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        fake.enqueue(new Scripted.Status(429, "rate_limit_error", "0.4"), Scripted.Reply.text("ok"));
        var sink = new EventRecorder();
        long start = System.nanoTime();

        model.call(ask("plume", "Bonjour"), sink);

        assertThat(sink.retries().getFirst().delay()).isEqualTo(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitIsReportedAtOnce() {
        fake.enqueue(new Scripted.Status(429, "rate_limit_error", "30"), Scripted.Reply.text("ok"));
        var e = catchThrowableOfType(ModelException.class, () -> model.call(ask("plume", "Bonjour"), new EventRecorder()));
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void backoffGrowsExponentiallyWithJitter() {
        var slow = new ModelCalls(FAST.connect(), FAST.firstToken(), FAST.wholeMessage(), 4, Duration.ofMillis(40),
                Duration.ofSeconds(2));
        fake.enqueue(Scripted.Status.of(500, "api_error"), Scripted.Status.of(500, "api_error"),
                Scripted.Status.of(500, "api_error"), Scripted.Reply.text("ok"));
        var sink = new EventRecorder();

        new RetryingModel(adapter, slow).call(ask("plume", "Bonjour"), sink);

        assertThat(sink.retries()).extracting(r -> r.delay().toMillis()).satisfiesExactly(
                first -> assertThat(first).isBetween(20L, 40L),
                second -> assertThat(second).isBetween(40L, 80L),
                third -> assertThat(third).isBetween(80L, 160L));
    }

    @Test
    void aRejectedKeyIsNeverRetried() {
        fake.enqueue(Scripted.Status.of(401, "authentication_error"), Scripted.Reply.text("ok"));
        var e = catchThrowableOfType(ModelException.class, () -> model.call(ask("plume", "Bonjour"), new EventRecorder()));
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.kind().retryable()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aStreamThatBreaksAfterItsFirstTokenIsNeverRetried() {
        fake.enqueue(Scripted.Reply.text("Le ", "chat").with(new Fault.CutAfter(1)), Scripted.Reply.text("ok"));
        var sink = new EventRecorder();
        var e = catchThrowableOfType(ModelException.class, () -> model.call(ask("plume", "Bonjour"), sink));
        assertThat(e.kind()).isEqualTo(Kind.BROKEN_STREAM);
        assertThat(sink.deltas()).containsExactly("Le ");
        assertThat(sink.retries()).isEmpty();
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void anOverloadedErrorEventAfterTheFirstTokenIsNotRetriedEither() {
        fake.enqueue(Scripted.Reply.text("Le ", "chat").with(new Fault.ErrorEvent("overloaded_error", 1)));
        var e = catchThrowableOfType(ModelException.class, () -> model.call(ask("plume", "Bonjour"), new EventRecorder()));
        assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aFirstTokenTimeoutIsRetriedLikeEveryRetryableKind() {
        var impatient = ModelFixtures.withFirstToken(Duration.ofMillis(200));
        try (var adapter2 = new AnthropicModel(ModelFixtures.anthropic(fake, impatient, true), Pricing.load())) {
            fake.enqueue(Scripted.Reply.text("tard").with(new Fault.Stall(Duration.ofSeconds(3))),
                    Scripted.Reply.text("à temps"));
            var sink = new EventRecorder();
            ModelReply reply = new RetryingModel(adapter2, impatient).call(ask("plume", "x"), sink);
            assertThat(Kind.TIMEOUT.retryable()).isTrue();
            assertThat(reply.text()).isEqualTo("à temps");
            assertThat(sink.retries()).hasSize(1);
            assertThat(fake.requestCount()).isEqualTo(2);
        }
    }


    @Test
    void anInterruptWhileWaitingToRetryCancels() throws Exception {
        var patient = new ModelCalls(FAST.connect(), FAST.firstToken(), FAST.wholeMessage(), 3, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"));
        var sink = new EventRecorder();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var result = new CompletableFuture<ModelException>();
            Future<?> call = executor.submit(() -> result.complete(catchThrowableOfType(ModelException.class,
                    () -> new RetryingModel(adapter, patient).call(ask("plume", "x"), sink))));
            while (sink.retries().isEmpty()) {
                Thread.sleep(10);
            }
            call.cancel(true);
            assertThat(result.get(2, TimeUnit.SECONDS).kind()).isEqualTo(Kind.CANCELLED);
        }
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void anExceptionFromTheSinkIsNeitherRetriedNorWrapped() {
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"), Scripted.Reply.text("ok"));
        var stop = new IllegalStateException("run cancelled");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> model.call(ask("plume", "x"), event -> {
            throw stop;
        }));
        assertThat(thrown).isSameAs(stop);
        assertThat(fake.requestCount()).isEqualTo(1);
    }
}
