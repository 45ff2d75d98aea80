package scriptorium.capture;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scriptorium.agent.AgentRun;
import scriptorium.agent.Answer;
import scriptorium.agent.RunInput;
import scriptorium.store.Ids;
import scriptorium.events.Mode;
import scriptorium.events.RunEvent;
import scriptorium.events.RunEvent.ActionStatus;
import scriptorium.llm.Agent;
import scriptorium.llm.ModelException;
import scriptorium.orchestrator.Workflow;

/**
 * One voice note's run (PROTOCOL §7): first Plume's `transcribe` action (running, then completed with the duration
 * and the language, or failed), then the orchestrator on the transcript. Written down ({@code then} = plume, the
 * default), Plume restitutes it as a structured note and saves it, and the transcript is kept with that note;
 * otherwise the transcript is a chat message like any other, routed by {@code then}.
 */
final class VoiceNote implements Workflow {

    static final String ACTION = "transcribe";

    private final Audio audio;
    private final Mode then;
    private final RetryingTranscriber transcriber;
    private final Workflow orchestrator;
    private final TranscriptNotes notes;

    VoiceNote(Audio audio, Mode then, RetryingTranscriber transcriber, Workflow orchestrator, TranscriptNotes notes) {
        this.audio = audio;
        this.then = then;
        this.transcriber = transcriber;
        this.orchestrator = orchestrator;
        this.notes = notes;
    }

    @Override
    public Answer run(AgentRun run) {
        Transcript transcript = transcribe(run);
        if (transcript.text().isEmpty()) {
            throw new CaptureRefused(422, "no_speech", "The transcription server heard no speech in this recording:"
                    + " nothing was saved. Record again, closer to the microphone.");
        }
        boolean writeDown = then == Mode.PLUME;
        var input = new RunInput(writeDown ? askToSave(transcript) : transcript.text(),
                writeDown ? Mode.CAPTURE : then, run.input().history(), List.of(), run.input().owner());
        var captured = new CaptureRun(run, input);
        Answer answer = orchestrator.run(captured);
        if (writeDown) {
            notes.keep(run, captured.written(), transcript, answer.response());
        }
        return answer;
    }

    private Transcript transcribe(AgentRun run) {
        String callId = Ids.next("call-");
        var asked = new LinkedHashMap<String, Object>(Map.of("format", audio.format().extension(),
                "bytes", audio.bytes().length, "model", transcriber.describe()));
        if (audio.language() != null) {
            asked.put("language_hint", audio.language());
        }
        run.emit(new RunEvent.AgentAction(Agent.PLUME, ACTION, callId, ActionStatus.RUNNING,
                "Transcribing the voice note (" + kib(audio.bytes().length) + " of " + audio.format().extension()
                        + ").", asked));
        Transcript transcript;
        try {
            transcript = run.interruptibly(() -> transcriber.transcribe(audio, retry -> run.emit(new RunEvent.Warning(
                    RunEvent.Warning.MODEL_RETRY, "The transcription failed (" + retry.cause().code() + "): attempt "
                    + (retry.attempt() + 1) + " in " + retry.delay().toMillis() + " ms. " + retry.message()))));
        } catch (ModelException e) {
            run.emit(new RunEvent.AgentAction(Agent.PLUME, ACTION, callId, ActionStatus.FAILED,
                    "The transcription failed: " + e.getMessage(), asked));
            throw e;
        }
        var heard = new LinkedHashMap<String, Object>(asked);
        heard.put("characters", transcript.text().length());
        heard.put("transcript", transcript.text());
        if (transcript.language() != null) {
            heard.put("language", transcript.language());
        }
        if (transcript.duration() != null) {
            heard.put("duration_seconds", transcript.duration().toMillis() / 1000.0);
        }
        run.emit(new RunEvent.AgentAction(Agent.PLUME, ACTION, callId, ActionStatus.COMPLETED,
                "Transcribed " + clock(transcript.duration()) + (transcript.language() == null ? ""
                        : " (" + transcript.language() + ")") + ": " + transcript.text().length() + " characters.",
                heard));
        return transcript;
    }

    /**
     * What Plume is asked: to save the transcript, in the words its prompt (and the Offline model) know as a request
     * to write something down, in the language heard so that the note is written in it.
     */
    static String askToSave(Transcript transcript) {
        String language = transcript.language() == null ? "" : transcript.language().toLowerCase(Locale.ROOT);
        boolean french = language.equals("fr") || language.startsWith("fr-") || language.equals("french");
        return (french ? "Note que (note vocale transcrite) : " : "Save this (a transcribed voice note): ")
                + transcript.text();
    }

    static String clock(Duration duration) {
        if (duration == null) {
            return "the recording";
        }
        long seconds = Math.round(duration.toMillis() / 1000.0);
        return seconds / 60 + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
    }

    private static String kib(int bytes) {
        return bytes < 1024 ? bytes + " bytes" : (bytes + 1023) / 1024 + " KiB";
    }
}
