package scriptorium.capture;

import java.time.Duration;
import java.util.Arrays;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.config.TranscriptionSettings;
import scriptorium.events.Mode;
import scriptorium.knowledge.NoteService;
import scriptorium.orchestrator.Workflow;
import scriptorium.run.RunRequest;
import scriptorium.run.RunService;
import scriptorium.run.RunService.StartedRun;

/**
 * Voice notes as the entry points see them: check the upload, then start its run. Every refusal comes before
 * the run starts, so a refused recording leaves nothing behind (no run, no message, no note).
 */
public final class Voice {

    private final RunService runs;
    private final Workflow orchestrator;
    private final RetryingTranscriber transcriber;
    private final TranscriptNotes notes;
    private final boolean available;

    /** @param calls the retry and deadline policy of transcription calls (the chat models') */
    public Voice(RunService runs, Workflow orchestrator, Transcriber transcriber, ModelCalls calls, NoteService notes) {
        this.runs = runs;
        this.orchestrator = orchestrator;
        this.transcriber = new RetryingTranscriber(transcriber, calls);
        this.notes = new TranscriptNotes(notes);
        this.available = transcriber != Transcriber.OFF;
    }

    /** Voice notes switched off: every recording is refused with {@link TranscriptionSettings#HOW_TO_ENABLE}. */
    public static Voice off(RunService runs, Workflow orchestrator, NoteService notes) {
        return new Voice(runs, orchestrator, Transcriber.OFF, NEVER_CALLED, notes);
    }

    private static final ModelCalls NEVER_CALLED = new ModelCalls(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO);

    /** Whether voice notes can be transcribed; when not, {@link TranscriptionSettings#HOW_TO_ENABLE} says how. */
    public boolean available() {
        return available;
    }

    /**
     * Checks a recording and starts its run ({@code start.mode} = {@code capture}).
     *
     * @param declaredType the part's {@code Content-Type}, or null
     * @param then         {@code plume}: Plume writes it down (the default); auto, mimir, discussion: a spoken message
     * @param sessionId    the conversation to continue, or null
     * @param owner        whose run, conversation and notes these are
     * @throws CaptureRefused 503 when transcription is off; 415, 413, 400 for a recording it cannot take
     */
    public StartedRun start(byte[] bytes, String declaredType, String language, Mode then, String sessionId,
                            String owner) {
        if (!available) {
            throw unavailable();
        }
        Audio audio = check(bytes, declaredType, language);
        // Nothing before this line saved anything: a refused recording leaves no run, message or note behind.
        String question = "Voice note (" + audio.format().extension() + ", " + (bytes.length + 1023) / 1024 + " KiB)";
        var work = new VoiceNote(audio, then, transcriber, orchestrator, notes);
        return runs.start(new RunRequest(question, Mode.CAPTURE, sessionId, java.util.List.of(), owner), work);
    }

    static Audio check(byte[] bytes, String declaredType, String language) {
        if (!AudioFormat.acceptsDeclared(declaredType)) {
            throw new CaptureRefused(415, "unsupported_audio_type", "audio: the type " + declaredType
                    + " is not audio this server takes (" + AudioFormat.ACCEPTED + ")");
        }
        if (bytes.length == 0) {
            throw new CaptureRefused(400, "empty_audio", "audio: the file is empty (0 bytes): nothing was recorded");
        }
        if (bytes.length > Audio.MAX_BYTES) {
            throw new CaptureRefused(413, "audio_too_large", "audio: must be at most 25 MiB (" + Audio.MAX_BYTES
                    + " bytes), got " + bytes.length + " bytes: record a shorter note");
        }
        AudioFormat format = AudioFormat.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))
                .orElseThrow(() -> new CaptureRefused(415, "not_audio", "audio: the file does not start like "
                        + AudioFormat.ACCEPTED + " audio (its first bytes say otherwise), whatever its name or type"));
        if (format == AudioFormat.WAV && bytes.length <= 44) {
            throw new CaptureRefused(400, "empty_audio", "audio: the WAV file has a header but no sound");
        }
        return new Audio(format, bytes, language);
    }

    static CaptureRefused unavailable() {
        return new CaptureRefused(503, "transcription_unavailable", TranscriptionSettings.HOW_TO_ENABLE);
    }
}
