package scriptorium.agent;

import scriptorium.llm.Agent;

/** An earlier question or answer of the conversation, given to the agents as history. */
public record PastMessage(Agent author, String content) {}
