package scriptorium.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Real audio made in the test: a WAV of a 440 Hz tone, 16 kHz, 16-bit mono. */
public final class TestAudio {

    private TestAudio() {}

    public static byte[] wav(double seconds) {
        int rate = 16_000;
        int samples = (int) (rate * seconds);
        ByteBuffer out = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            out.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000));
        }
        return out.array();
    }

    /** The start of a WebM file (its EBML header), as MediaRecorder writes it, then filler. */
    public static byte[] webm() {
        byte[] bytes = new byte[4096];
        bytes[0] = 0x1A;
        bytes[1] = 0x45;
        bytes[2] = (byte) 0xDF;
        bytes[3] = (byte) 0xA3;
        return bytes;
    }
}
