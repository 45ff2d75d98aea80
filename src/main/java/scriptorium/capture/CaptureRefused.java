package scriptorium.capture;

import scriptorium.run.Refusal;

/**
 * A capture refused: bad input (a wrong type, an empty or oversized file, bytes that are not what they claim) or
 * a feature switched off. Answered with {@code status} and {@code code} before anything is saved or any run starts;
 * thrown inside a voice note's run (no speech heard), it ends the run with an `error` of that code.
 */
public final class CaptureRefused extends Refusal {

    public CaptureRefused(int status, String code, String message) {
        super(status, code, message);
    }
}
