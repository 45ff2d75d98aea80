// A voice recording: the microphone through MediaRecorder, its level (an AnalyserNode) and elapsed time
// reported while it runs. The browser asks for the microphone the first time.

const TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
export const MAX_SECONDS = 15 * 60; // about 4 MiB of Opus: far under the server's 25 MiB

export class Recorder {
  constructor({ onLevel, onTick, onLimit }) {
    Object.assign(this, { onLevel, onTick, onLimit });
    this.chunks = [];
  }

  /** Why this browser can't record, or null. */
  static unsupported() {
    if (!window.isSecureContext) return "Recording needs a secure page: open Scriptorium over HTTPS (or on localhost).";
    if (!navigator.mediaDevices?.getUserMedia || !window.MediaRecorder) return "This browser can't record audio.";
    return null;
  }

  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    this.recorder = new MediaRecorder(this.stream, type ? { mimeType: type } : undefined);
    this.recorder.addEventListener("dataavailable", (e) => { if (e.data.size) this.chunks.push(e.data); });
    this.recorder.start(250);
    this.started = performance.now();
    this.#meter();
    this.timer = setInterval(() => {
      const seconds = this.seconds();
      this.onTick(seconds);
      if (seconds >= MAX_SECONDS) this.onLimit();
    }, 250);
  }

  seconds() {
    return this.started ? (performance.now() - this.started) / 1000 : 0;
  }

  /** Ends the recording; resolves with its audio. */
  stop() {
    return new Promise((resolve) => {
      const seconds = this.seconds();
      this.recorder.addEventListener("stop", () => {
        resolve({ blob: new Blob(this.chunks, { type: this.recorder.mimeType || "audio/webm" }), seconds });
        this.#release();
      }, { once: true });
      this.recorder.stop();
    });
  }

  /** Ends the recording and throws it away. */
  cancel() {
    if (this.recorder?.state !== "inactive") this.recorder?.stop();
    this.#release();
  }

  #meter() {
    this.audio = new AudioContext();
    const analyser = this.audio.createAnalyser();
    analyser.fftSize = 512;
    this.audio.createMediaStreamSource(this.stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const frame = () => {
      if (!this.audio) return;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      this.onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4)); // speech RMS sits near 0.05..0.25
      this.frame = requestAnimationFrame(frame);
    };
    frame();
  }

  #release() {
    clearInterval(this.timer);
    cancelAnimationFrame(this.frame);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.audio?.close().catch(() => {});
    this.audio = null;
    this.chunks = [];
  }
}
