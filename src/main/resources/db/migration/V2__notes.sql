-- Notes: the archive Plume writes and Mimir searches. Written for H2 and PostgreSQL alike.
-- The Lucene index is rebuilt from these tables; they are the source of truth.
CREATE TABLE notes (
    id            VARCHAR(64)  PRIMARY KEY,
    title         VARCHAR(200) NOT NULL,
    content       TEXT         NOT NULL,
    source        VARCHAR(16)  NOT NULL,
    content_hash  VARCHAR(64)  NOT NULL,
    version       BIGINT       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notes_updated ON notes (updated_at);
CREATE INDEX notes_content_hash ON notes (content_hash);

-- One row per tag, in the order the note lists them, so that a tag filter uses an index.
CREATE TABLE note_tags (
    note_id    VARCHAR(64) NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag_order  INT         NOT NULL,
    tag        VARCHAR(50) NOT NULL,
    PRIMARY KEY (note_id, tag_order)
);
CREATE INDEX note_tags_tag ON note_tags (tag);
