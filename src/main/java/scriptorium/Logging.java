package scriptorium;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import scriptorium.config.Settings.LogSettings;

/**
 * The process's logs in one format: LOG_LEVEL and LOG_FORMAT applied to Logback once Settings has validated them
 * (Logback reads neither: {@link LogbackConfigurator} starts it in text at INFO), and
 * java.util.logging (Lucene, the JDK) routed through SLF4J. In json mode every line is one JSON object, uncaught
 * exceptions included.
 */
public final class Logging {

    private Logging() {}

    /** Call before the first component starts; later calls replace what the earlier one set. */
    public static void apply(LogSettings settings) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(settings.level(), Level.INFO));
        switch (settings.format()) {
            case TEXT -> { } // LogbackConfigurator's console appender, as configured there
            case JSON -> {
                root.detachAndStopAllAppenders();
                root.addAppender(jsonAppender(context));
            }
        }
        // A thread dying of an exception would print a stack trace of many lines: one log line instead.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(Logging.class).error("uncaught exception in thread {}", thread.getName(), e));
    }

    private static ConsoleAppender<ILoggingEvent> jsonAppender(LoggerContext context) {
        var encoder = new JsonEncoder();
        encoder.setContext(context);
        // The message as written, not its pattern and arguments apart; no sequence or context noise.
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.start();
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setName("json");
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
