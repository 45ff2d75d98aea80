package scriptorium;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code: what logback.xml said, without parsing XML at every start (Logback's Joran was
 * about a tenth of the server's start, issue 16). Found by Logback through {@code META-INF/services}. Text at INFO on
 * stderr until {@link Logging} applies LOG_LEVEL and LOG_FORMAT, once Settings has validated them. A JVM started with
 * {@code -Dlogback.configurationFile} (the tests', with logback-test.xml) gets that file instead.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

    /** A run's lines carry its ids, "[run session node]" (those set), the others "[]". */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} "
            + "[%replace(%replace(%X{run_id:-} %X{session_id:-} %X{node:-}){' +', ' '}){'^ | $', ''}] %msg%n";

    /** Loggers quieter than the root's level, whatever LOG_LEVEL says (or, for audit, kept at INFO). */
    private static final Map<String, Level> LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "io.javalin", Level.WARN,
            // DJL (the embedding model's tokenizer) probes for CUDA when it loads and warns on every machine without
            // a GPU driver: we run on the CPU by design.
            "ai.djl", Level.ERROR,
            // Audit lines (sign-ins, tokens, users: issue 10) are kept whatever LOG_LEVEL says.
            "scriptorium.audit", Level.INFO,
            // Lucene says at every start whether it may use the incubating Vector API. We leave it out on purpose (the
            // JVM would print "Using incubator modules" before anything else), so its advice to add it is not news.
            "org.apache.lucene.internal.vectorization", Level.ERROR,
            // MCP: the SDK pings every session at the keep-alive interval, so that a client that left is noticed; a
            // session with no GET stream has nowhere to take the ping, and the SDK warns each time: expected.
            "io.modelcontextprotocol.util.KeepAliveScheduler", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // a file named on purpose: Logback's own configurator reads it
        }
        // java.util.logging (Lucene's logger) is bridged to SLF4J: this keeps JUL from building records for levels
        // that are off here.
        var propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();

        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("text");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
