package io.mooring.events.agent;

/** First call of a new agent: the import token from its Secret is exchanged for an agent credential. */
public record RegisterRequest(String importToken, AgentFacts facts) {
}
