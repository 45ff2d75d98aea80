-- The notes' change feed (issue 11): each instance's search index follows the notes table through it.
-- Every write of notes takes the next change number from note_feed, whose one row it updates in its transaction:
-- the row lock orders note writes, so change numbers become visible in commit order and a follower that read up
-- to N never sees a change below N appear later. A note carries the number of its last change; a deleted note
-- leaves a tombstone with the number of its deletion.
CREATE TABLE note_feed (
    id           INT     PRIMARY KEY,
    last_change  BIGINT  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO note_feed (id, last_change, changed_at) VALUES (1, 0, CURRENT_TIMESTAMP);

ALTER TABLE notes ADD COLUMN change_no BIGINT NOT NULL DEFAULT 0;
CREATE INDEX notes_change ON notes (change_no);

CREATE TABLE note_tombstones (
    note_id    VARCHAR(64) PRIMARY KEY,
    change_no  BIGINT      NOT NULL
);
CREATE INDEX note_tombstones_change ON note_tombstones (change_no);
