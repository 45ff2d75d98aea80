package scriptorium.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import scriptorium.config.AccessSettings;
import scriptorium.store.UsageDay;
import scriptorium.store.UsageStore;

/** {@code GET /api/v1/me/usage?days=}: the caller's runs, tokens and cost per UTC day, today's, and their limits. */
public final class UsageRoutes {

    private final UsageStore usage;
    private final AccessSettings settings;
    private final Clock clock;

    public UsageRoutes(UsageStore usage, AccessSettings settings, Clock clock) {
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/me/usage", this::usage);
    }

    private void usage(Context ctx) {
        int days = Paging.limit(ctx, 30, 366); // ?limit= days back, today included
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<UsageDay> byDay = usage.byDay(AccessFilter.caller(ctx).userId(), today.minusDays(days - 1L));
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("days");
        byDay.forEach(day -> items.add(day(day)));
        json.set("today", day(byDay.stream().filter(d -> d.day().equals(today)).findFirst()
                .orElse(new UsageDay(today, 0, 0, 0, 0))));
        json.putObject("limits").put("max_concurrent_runs", settings.maxConcurrentRuns())
                .put("runs_per_minute", settings.runsPerMinute())
                .put("daily_budget_usd", settings.dailyBudgetUsd() > 0 ? settings.dailyBudgetUsd() : null);
        ctx.json(json);
    }

    private static ObjectNode day(UsageDay day) {
        return Json.object().put("day", day.day().toString()).put("runs", day.runs())
                .put("input_tokens", day.inputTokens()).put("output_tokens", day.outputTokens())
                .put("cost_usd", day.costUsd());
    }
}
