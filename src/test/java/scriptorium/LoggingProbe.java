package scriptorium;

import org.slf4j.LoggerFactory;
import scriptorium.config.Settings;

/** Run by {@link LoggingTest} in its own JVM: logs once through each road a line can take. */
final class LoggingProbe {

    public static void main(String[] args) throws InterruptedException {
        Logging.apply(Settings.from(System.getenv()).log());
        LoggerFactory.getLogger(LoggingProbe.class).info("through slf4j");
        try (var run = org.slf4j.MDC.putCloseable("run_id", "r-1");
             var session = org.slf4j.MDC.putCloseable("session_id", "s-1")) {
            LoggerFactory.getLogger(LoggingProbe.class).info("within a run");
        }
        java.util.logging.Logger.getLogger("org.apache.lucene.probe").warning("through java.util.logging");
        java.util.logging.Logger.getLogger("org.apache.lucene.probe").fine("fine is below info: not shown");
        Thread dying = new Thread(() -> {
            throw new IllegalStateException("uncaught");
        }, "dying");
        dying.start();
        dying.join();
    }
}
