-- Each note's embedding, kept so that rebuilding the search index (deleted, unreadable, another schema) reads
-- vectors instead of running the model again for every note (minutes at 10,000 notes). A cache: a row counts only
-- for the note version and the model it was computed from, and is replaced when either changes.
CREATE TABLE note_embeddings (
    note_id  VARCHAR(64)  PRIMARY KEY REFERENCES notes (id) ON DELETE CASCADE,
    version  BIGINT       NOT NULL,
    model    VARCHAR(100) NOT NULL,
    vector   BYTEA        NOT NULL
);
