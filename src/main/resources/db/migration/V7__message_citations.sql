-- The verdict on each citation of an agent message (issue 14, PROTOCOL §7), kept with the message: a conversation
-- opened again shows which quotations were verified, as the live run did.
CREATE TABLE message_citations (
    message_id  VARCHAR(64)  NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position    INT          NOT NULL,
    note_id     VARCHAR(64)  NOT NULL,
    quote       TEXT,
    verified    BOOLEAN      NOT NULL,
    reason      VARCHAR(32),
    PRIMARY KEY (message_id, position)
);
