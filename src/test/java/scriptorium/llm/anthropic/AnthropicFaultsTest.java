package scriptorium.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static scriptorium.llm.ModelFixtures.FAST;
import static scriptorium.llm.ModelFixtures.ask;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.config.ModelSettings;
import scriptorium.config.Secret;
import scriptorium.llm.EventRecorder;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.ModelFixtures;
import scriptorium.llm.ModelReply;
import scriptorium.llm.Pricing;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.llm.fake.Scripted.Fault;

/** Each scripted fault of the fake Anthropic server, and what the adapter makes of it (before any retry). */
@Timeout(20)
class AnthropicFaultsTest {

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final AnthropicModel model = new AnthropicModel(ModelFixtures.anthropic(fake, FAST, true), Pricing.load());

    @AfterEach
    void close() {
        model.close();
        fake.close();
    }

    private ModelException failure(EventRecorder sink) {
        return catchThrowableOfType(ModelException.class, () -> model.call(ask("plume", "Bonjour"), sink));
    }

    @Test
    void aRejectedKeyIsAnAuthFailureThatNamesTheVariableAndNeverTheKey() {
        var settings = ModelFixtures.anthropic(fake, FAST, true);
        var wrongKey = new ModelSettings.Anthropic(settings.baseUrl(), new Secret("sk-ant-wrong-key"),
                settings.plume(), settings.mimir(), settings.calls(), true);
        try (var rejected = new AnthropicModel(wrongKey, Pricing.load())) {
            var e = catchThrowableOfType(ModelException.class, () -> rejected.call(ask("plume", "x"), new EventRecorder()));
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.kind().code()).isEqualTo("auth_failed");
            assertThat(e.getMessage()).contains("401", "ANTHROPIC_API_KEY").doesNotContain("sk-ant-wrong-key");
        }
    }

    @Test
    void tooManyRequestsIsRateLimitedWithTheRetryAfterTheProviderAsked() {
        fake.enqueue(new Scripted.Status(429, "rate_limit_error", "7"));
        var e = failure(new EventRecorder());
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void status529IsOverloaded() {
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"));
        assertThat(failure(new EventRecorder()).kind()).isEqualTo(Kind.OVERLOADED);
    }

    @Test
    void status500IsUnavailable() {
        fake.enqueue(Scripted.Status.of(500, "api_error"));
        var e = failure(new EventRecorder());
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("500", "api_error");
    }

    @Test
    void anOverloadedErrorEventBeforeAnyTokenIsOverloaded() {
        fake.enqueue(Scripted.Reply.text("jamais").with(new Fault.ErrorEvent("overloaded_error", 0)));
        var sink = new EventRecorder();
        assertThat(failure(sink).kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(sink.deltas()).isEmpty();
    }

    @Test
    void aStreamCutAfterTheFirstTokensIsABrokenStreamAndKeepsWhatWasStreamed() {
        fake.enqueue(Scripted.Reply.text("Le ", "chat ", "dort.").with(new Fault.CutAfter(2)));
        var sink = new EventRecorder();
        var e = failure(sink);
        assertThat(e.kind()).isEqualTo(Kind.BROKEN_STREAM);
        assertThat(sink.deltas()).containsExactly("Le ", "chat ");
    }

    @Test
    void aStreamCutBeforeAnyTokenIsUnavailable() {
        fake.enqueue(Scripted.Reply.text("Le ").with(new Fault.CutAfter(0)));
        assertThat(failure(new EventRecorder()).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void aSlowFirstTokenWithinTheDeadlineStillStreams() {
        fake.enqueue(Scripted.Reply.text("Enfin.").with(new Fault.Stall(Duration.ofMillis(400))));
        ModelReply reply = model.call(ask("plume", "Bonjour"), new EventRecorder());
        assertThat(reply.text()).isEqualTo("Enfin.");
    }

    @Test
    void noFirstTokenWithinTheDeadlineIsATimeoutAndTheUpstreamIsClosed() throws Exception {
        try (var impatient = new AnthropicModel(
                ModelFixtures.anthropic(fake, ModelFixtures.withFirstToken(Duration.ofMillis(300)), true), Pricing.load())) {
            fake.enqueue(Scripted.Reply.text("Trop tard.").with(new Fault.Stall(Duration.ofSeconds(5))));
            long start = System.nanoTime();
            var e = catchThrowableOfType(ModelException.class, () -> impatient.call(ask("plume", "x"), new EventRecorder()));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(fake.awaitDisconnect(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        var settings = ModelFixtures.anthropic(fake, FAST, true);
        var nowhere = new ModelSettings.Anthropic("http://127.0.0.1:1/v1", settings.apiKey(), settings.plume(),
                settings.mimir(), settings.calls(), true);
        try (var lost = new AnthropicModel(nowhere, Pricing.load())) {
            var e = catchThrowableOfType(ModelException.class, () -> lost.call(ask("plume", "x"), new EventRecorder()));
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        }
    }

    @Test
    void anInterruptMidStreamCancelsAndTheProviderSeesTheConnectionClose() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le ", "reste").with(new Fault.Hang(1)));
        var sink = new EventRecorder();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ModelException> call = executor.submit(() -> catchThrowableOfType(ModelException.class,
                    () -> model.call(ask("plume", "x"), sink)));
            assertThat(sink.awaitFirstDelta()).isTrue();
            call.cancel(true); // interrupts the calling thread
            assertThat(fake.awaitDisconnect(Duration.ofSeconds(2))).isTrue();
        }
        assertThat(sink.deltas()).containsExactly("Le ");
    }

    @Test
    void anInterruptedCallThrowsCancelledPromptly() throws Exception {
        fake.enqueue(Scripted.Reply.text("jamais").with(new Fault.Stall(Duration.ofSeconds(10))));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var result = new java.util.concurrent.CompletableFuture<ModelException>();
            Future<?> call = executor.submit(() -> result.complete(catchThrowableOfType(ModelException.class,
                    () -> model.call(ask("plume", "x"), new EventRecorder()))));
            fake.takeRequest();
            Thread.sleep(100);
            call.cancel(true);
            assertThat(result.get(2, TimeUnit.SECONDS).kind()).isEqualTo(Kind.CANCELLED);
            assertThat(fake.awaitDisconnect(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void anExceptionThrownByTheSinkPassesThroughUnchangedAndClosesTheStream() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le ", "reste").with(new Fault.Hang(1)));
        var stop = new IllegalStateException("run cancelled");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> model.call(ask("plume", "x"), event -> {
            if (event instanceof ModelEvent.TextDelta) {
                throw stop;
            }
        }));
        assertThat(thrown).isSameAs(stop);
        assertThat(fake.awaitDisconnect(Duration.ofSeconds(2))).isTrue();
    }
}
