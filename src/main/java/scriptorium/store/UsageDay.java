package scriptorium.store;

import java.time.LocalDate;

/** What one user's runs cost on one (UTC) day. */
public record UsageDay(LocalDate day, long runs, long inputTokens, long outputTokens, double costUsd) {}
