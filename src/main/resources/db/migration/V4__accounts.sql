-- Accounts (issue 10): users, sessions, personal tokens, sign-in failures, the one-time setup secret, and an owner
-- on every conversation, run and note. Written for H2 and PostgreSQL alike.

-- The owner of everything written before accounts existed, and the implicit user of `local` mode. It has no password
-- (nobody can sign in as it) until the first admin is created in `accounts` mode: that admin *is* this row (its name
-- and password are set in place), so existing data belongs to the first admin without a single row rewritten.
CREATE TABLE users (
    id             VARCHAR(64)  PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL UNIQUE,
    password_hash  VARCHAR(200),
    role           VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('local', 'owner', NULL, 'admin', CURRENT_TIMESTAMP);

-- Secrets are never stored: only their SHA-256 (they are 256-bit random values, so a fast hash is enough).
CREATE TABLE sessions (
    secret_hash  VARCHAR(64) PRIMARY KEY,
    user_id      VARCHAR(64) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
    id            VARCHAR(64)  PRIMARY KEY,
    user_id       VARCHAR(64)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label         VARCHAR(100) NOT NULL,
    scopes        VARCHAR(100) NOT NULL,
    secret_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tokens_user ON tokens (user_id);

-- Failed sign-ins, by `user:NAME` and by `addr:IP`: the throttle counts the last 15 minutes of each.
CREATE TABLE sign_in_failures (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attempt_key VARCHAR(200) NOT NULL,
    failed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (attempt_key, failed_at);

-- The one-time secret of the setup link printed at first start in accounts mode (single use, expires).
CREATE TABLE setup_secrets (
    secret_hash  VARCHAR(64) PRIMARY KEY,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE conversations ADD COLUMN owner_id VARCHAR(64) DEFAULT 'local' NOT NULL;
ALTER TABLE conversations ALTER COLUMN owner_id DROP DEFAULT;
ALTER TABLE conversations ADD CONSTRAINT conversations_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX conversations_owner_updated ON conversations (owner_id, updated_at);

ALTER TABLE runs ADD COLUMN owner_id VARCHAR(64) DEFAULT 'local' NOT NULL;
ALTER TABLE runs ALTER COLUMN owner_id DROP DEFAULT;
ALTER TABLE runs ADD CONSTRAINT runs_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX runs_owner_started ON runs (owner_id, started_at);

ALTER TABLE notes ADD COLUMN owner_id VARCHAR(64) DEFAULT 'local' NOT NULL;
ALTER TABLE notes ALTER COLUMN owner_id DROP DEFAULT;
ALTER TABLE notes ADD CONSTRAINT notes_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX notes_owner_updated ON notes (owner_id, updated_at);
CREATE INDEX notes_owner_hash ON notes (owner_id, content_hash);
