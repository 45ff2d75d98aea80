package scriptorium.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import scriptorium.config.Settings;

/**
 * What history costs (issue 14), apart from the tests: {@code ./mvnw -B -o -Pbench test-compile
 * exec:exec@history-benchmark}. A 5 KB note edited 1,000 times (a word changed, a line added or removed, as
 * {@link RevisionCodecTest#edit} does), each edit an update with its revision in one transaction on the embedded
 * H2 database, as the API writes it. Prints the bytes the revisions take against 1,000 full copies, the time per
 * edit, and the time to rebuild a revision (the worst: just before a snapshot). One seed: two runs edit alike.
 */
public final class HistoryBenchmark {

    public static void main(String[] args) throws Exception {
        int edits = Integer.getInteger("bench.edits", 1_000);
        Path work = Files.createTempDirectory("scriptorium-history-bench");
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", work.toString()));
        var random = new Random(14);
        try (var database = Database.open(settings.store())) {
            var notes = new NoteStore(database.dataSource());
            var revisions = new RevisionStore(database.dataSource());
            Note note = note("bench-note", RevisionCodecTest.text(random, 5_000), 1);
            notes.insert(List.of(note), Change.by(Note.Source.USER, "created"));
            long fullCopies = bytes(note.content());
            long started = System.nanoTime();
            for (int i = 0; i < edits; i++) {
                Note next = note(note.id(), RevisionCodecTest.edit(random, note.content()), note.version() + 1);
                if (!notes.update(note, next, Change.by(Note.Source.USER, "edited"))) {
                    throw new IllegalStateException("edit " + i + " refused");
                }
                note = next;
                fullCopies += bytes(note.content());
            }
            double msPerEdit = (System.nanoTime() - started) / 1e6 / edits;
            long stored = revisions.storedBytes(note.id());
            long worst = (edits / RevisionStore.SNAPSHOT_EVERY) * RevisionStore.SNAPSHOT_EVERY; // just before a snapshot
            long rebuildStarted = System.nanoTime();
            int rounds = 50;
            for (int i = 0; i < rounds; i++) {
                revisions.find(note.id(), worst).orElseThrow();
            }
            double msPerRebuild = (System.nanoTime() - rebuildStarted) / 1e6 / rounds;
            String last = revisions.find(note.id(), note.version()).orElseThrow().content();
            System.out.printf(Locale.ROOT, "note: %d bytes at the end; %d edits, %d revisions%n",
                    bytes(note.content()), edits, revisions.list(note.id()).size());
            System.out.printf(Locale.ROOT, "stored: %,d bytes of revisions (%.1f bytes per revision) vs %,d bytes"
                    + " of full copies: %.1f%%%n", stored, stored / (double) (edits + 1), fullCopies,
                    100.0 * stored / fullCopies);
            System.out.printf(Locale.ROOT, "time: %.2f ms per edit (update + revision, one transaction);"
                    + " %.2f ms to rebuild revision %d (%d patches from its snapshot)%n", msPerEdit, msPerRebuild,
                    worst, RevisionStore.SNAPSHOT_EVERY - 1);
            new Sql(database.dataSource()).query("SELECT kind, COUNT(*), SUM(OCTET_LENGTH(body)) FROM note_revisions"
                    + " GROUP BY kind ORDER BY kind", row -> System.out.printf(Locale.ROOT, "  %s: %d revisions,"
                    + " %,d bytes%n", row.getString(1), row.getLong(2), row.getLong(3)));
            System.out.println("last revision rebuilt exactly: " + last.equals(note.content()));
        }
    }

    private static Note note(String id, String content, long version) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
        return new Note(id, "local", "Benchmark", content, List.of("bench"), Note.Source.USER, hash, version, now, now);
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
