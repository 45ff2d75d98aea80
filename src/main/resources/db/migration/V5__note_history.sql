-- Note history and trash (issue 14). Written for H2 and PostgreSQL alike.
-- Revision n is a note at version n: every change (user, agent in a run, import, restore) adds one, none is
-- rewritten. The content is kept deflated: a full snapshot every few revisions, line edits from the revision
-- before in between, so a revision costs about the size of what changed. Revisions outlive their note's deletion
-- (the trash) and go with it when the trash is purged.
CREATE TABLE note_revisions (
    note_id       VARCHAR(64)   NOT NULL,
    revision      BIGINT        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    author        VARCHAR(16)   NOT NULL,
    run_id        VARCHAR(64),
    summary       VARCHAR(200)  NOT NULL,
    title         VARCHAR(200)  NOT NULL,
    tags          VARCHAR(1100) NOT NULL,
    kind          VARCHAR(8)    NOT NULL,
    body          BYTEA         NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (note_id, revision)
);
CREATE INDEX note_revisions_run ON note_revisions (run_id);

-- Deleted notes, out of the notes table so that search, the agents and every listing never see them.
CREATE TABLE trashed_notes (
    id            VARCHAR(64)   PRIMARY KEY,
    owner_id      VARCHAR(64)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title         VARCHAR(200)  NOT NULL,
    content       TEXT          NOT NULL,
    tags          VARCHAR(1100) NOT NULL,
    source        VARCHAR(16)   NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    version       BIGINT        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX trashed_notes_deleted ON trashed_notes (deleted_at);
CREATE INDEX trashed_notes_owner ON trashed_notes (owner_id, deleted_at);
