package scriptorium.cli;

import java.io.PrintStream;
import scriptorium.knowledge.Importer;

/** {@code [##########----------]  50%  500/1000 files} on one line, redrawn only when the percentage moves. */
final class ProgressBar implements Importer.Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private int shown = -1;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(int done, int total) {
        int percent = total == 0 ? 100 : done * 100 / total;
        if (percent == shown && done != total) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.printf("\r[%s%s] %3d%%  %d/%d files", "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total);
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
