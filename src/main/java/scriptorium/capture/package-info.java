/**
 * Captures: voice notes (transcribed, then written down by Plume), documents (Markdown, text, HTML, PDF, imported
 * by the rules of {@code scriptorium import}) and quick text notes. A voice note is a run like any chat message
 * (PROTOCOL §7: {@code start.mode} {@code capture}); transcription is a seam like {@code ChatModel}:
 * {@link scriptorium.capture.Transcriber}, spoken by {@link scriptorium.capture.OpenAiTranscriber} alone, through
 * {@code llm.stream}'s HTTP client. Sits between {@code http} (which parses the uploads) and {@code run}; never
 * imports {@code http}.
 */
package scriptorium.capture;
