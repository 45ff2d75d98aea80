package scriptorium;

import org.slf4j.LoggerFactory;
import scriptorium.config.Settings;

/** Run by {@link LoggingTest} in its own JVM: logs once through each road a line can take. */
final class LoggingProbe {

    public static void main(String[] args) throws InterruptedException {
        Logging.apply(Settings.from(System.getenv()).log());
        LoggerFactory.getLogger(LoggingProbe.class).info("through slf4j");
        java.util.logging.Logger.getLogger("org.apache.lucene.probe").warning("through java.util.logging");
        java.util.logging.Logger.getLogger("org.apache.lucene.probe").fine("fine is below info: not shown");
        Thread dying = new Thread(() -> {
            throw new IllegalStateException("uncaught");
        }, "dying");
        dying.start();
        dying.join();
    }
}
