-- Conversations, their runs and messages. Written for H2 and PostgreSQL alike.
CREATE TABLE conversations (
    id          VARCHAR(64)  PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE runs (
    id                     VARCHAR(64) PRIMARY KEY,
    conversation_id        VARCHAR(64) NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    status                 VARCHAR(16) NOT NULL,
    mode                   VARCHAR(16) NOT NULL,
    route                  VARCHAR(16),
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at               TIMESTAMP WITH TIME ZONE,
    processing_ms          BIGINT,
    input_tokens           BIGINT NOT NULL DEFAULT 0,
    output_tokens          BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens      BIGINT NOT NULL DEFAULT 0,
    cache_creation_tokens  BIGINT NOT NULL DEFAULT 0,
    cost_usd               DOUBLE PRECISION NOT NULL DEFAULT 0,
    model                  VARCHAR(200),
    error_code             VARCHAR(64),
    error_message          VARCHAR(2000),
    last_seq               BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX runs_conversation ON runs (conversation_id);
CREATE INDEX runs_status ON runs (status);

CREATE TABLE messages (
    ordinal          BIGINT GENERATED ALWAYS AS IDENTITY,
    id               VARCHAR(64) PRIMARY KEY,
    conversation_id  VARCHAR(64) NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    run_id           VARCHAR(64) NOT NULL,
    author           VARCHAR(16) NOT NULL,
    recipient        VARCHAR(16) NOT NULL,
    kind             VARCHAR(16) NOT NULL,
    content          TEXT NOT NULL,
    input_tokens     BIGINT NOT NULL DEFAULT 0,
    output_tokens    BIGINT NOT NULL DEFAULT 0,
    incomplete       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, ordinal);
