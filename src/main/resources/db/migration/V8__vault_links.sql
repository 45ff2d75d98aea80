-- Links between notes and the live vault (issue 14). Written for H2 and PostgreSQL alike.

-- The names a note answers to, lower case: "name:" + its title (and, for a vault file, its file name without the
-- extension) and "path:" + its path in the vault. Links are resolved by joining their target with these, so a link
-- written before its note exists resolves the moment the note does. Rewritten on every write of the note; the rows go
-- with the note when it leaves for the trash (and come back when it is restored).
CREATE TABLE note_names (
    note_id   VARCHAR(64)  NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    owner_id  VARCHAR(64)  NOT NULL,
    name      VARCHAR(600) NOT NULL,
    PRIMARY KEY (note_id, name)
);
CREATE INDEX note_names_owner_name ON note_names (owner_id, name);

-- What a note links to: [[Title]] (any alias or heading dropped) as "name:title", [x](other.md) as "path:dir/other.md".
CREATE TABLE note_links (
    note_id   VARCHAR(64)  NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    owner_id  VARCHAR(64)  NOT NULL,
    target    VARCHAR(600) NOT NULL,
    PRIMARY KEY (note_id, target)
);
CREATE INDEX note_links_owner_target ON note_links (owner_id, target);

-- The files of the vault folder (VAULT_PATH) and the note each one is: its path (relative, '/'-separated) and the
-- SHA-256 of its text when last read or written. No foreign key to notes: a vault note deleted in Scriptorium (in the
-- trash) keeps its row, so that an unchanged file is not imported again.
CREATE TABLE vault_files (
    owner_id   VARCHAR(64)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    path       VARCHAR(1000) NOT NULL,
    note_id    VARCHAR(64)   NOT NULL,
    file_hash  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (owner_id, path)
);
CREATE INDEX vault_files_note ON vault_files (note_id);
