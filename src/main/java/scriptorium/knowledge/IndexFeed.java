package scriptorium.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.Note;
import scriptorium.store.NoteChange;
import scriptorium.store.NoteStore;

/**
 * Keeps a {@link LuceneSearchIndex} in line with the notes table through its change feed (V6): every note written
 * or deleted after the index's position, by any instance, is indexed again or dropped, then the position moves
 * on, committed with the index. Changes are applied by the note's current state, so applying one twice, or a
 * change this instance's writer already indexed (read-your-writes), costs a version lookup and nothing more.
 *
 * <p>Runs on a timer of its own ({@link #follow}); {@link #catchUp} is also what the index does when it opens.
 */
final class IndexFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexFeed.class);
    private static final int BATCH = 64;

    private final LuceneSearchIndex index;
    private final NoteStore store;
    private ScheduledExecutorService timer;
    private volatile IndexLag lag = new IndexLag(0, 0);

    IndexFeed(LuceneSearchIndex index, NoteStore store) {
        this.index = index;
        this.store = store;
    }

    /** Catches up every {@code every} from now on, on a virtual thread of its own. */
    void follow(Duration every, Clock clock) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("index-feed").factory());
        timer.scheduleWithFixedDelay(() -> tick(clock), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    IndexLag lag() {
        return lag;
    }

    private void tick(Clock clock) {
        try {
            NoteChange.Head head = store.head();
            long behind = head.change() - index.position();
            lag = new IndexLag(Math.max(0, behind), behind > 0 ? Math.max(0, clock.millis() - head.at().toEpochMilli()) : 0);
            if (behind > 0) {
                catchUp();
                lag = new IndexLag(0, 0);
            }
        } catch (RuntimeException e) { // the top of a timer task: the next tick tries again
            log.warn("search index: could not follow the notes' changes: {}", e.getMessage());
        }
    }

    /** Applies every change after the index's position; returns how many notes it indexed or dropped. */
    int catchUp() {
        long from = index.position();
        long head = store.head().change(); // read first: the changes read next include every one up to it
        if (head <= from) {
            return 0;
        }
        List<NoteChange> changes = store.changesSince(from);
        List<String> written = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (NoteChange change : changes) {
            (change.deleted() ? removed : written).add(change.noteId());
        }
        index.apply(List.of(), removed);
        int applied = removed.size();
        for (int at = 0; at < written.size(); at += BATCH) {
            applied += reindex(written.subList(at, Math.min(at + BATCH, written.size())));
        }
        long to = Math.max(head, changes.isEmpty() ? head : changes.getLast().change());
        index.advance(to); // one commit: the notes above and the position that says they are in
        if (applied > 0) {
            log.debug("search index: {} note(s) from changes {}..{}", applied, from + 1, to);
        }
        return applied;
    }

    /** Indexes the notes among {@code ids} whose stored version the index lacks. */
    private int reindex(List<String> ids) {
        Map<String, Long> indexed = index.versions(ids);
        List<Note> stale = store.findAny(ids).stream()
                .filter(note -> !Long.valueOf(note.version()).equals(indexed.get(note.id())))
                .toList();
        index.apply(stale, List.of());
        return stale.size();
    }

    @Override
    public void close() {
        if (timer != null) {
            // shutdown, never shutdownNow: an interrupt in the middle of Lucene's file I/O closes its channels
            // and invalidates the index's write lock. A tick in progress finishes; none starts after.
            timer.shutdown();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
