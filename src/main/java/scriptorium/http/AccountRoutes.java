package scriptorium.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import scriptorium.access.Accounts;
import scriptorium.access.Caller;
import scriptorium.access.NewToken;
import scriptorium.access.Role;
import scriptorium.access.Scope;
import scriptorium.access.SignedIn;
import scriptorium.access.Tokens;
import scriptorium.access.User;
import scriptorium.config.AccessSettings;
import scriptorium.store.StoredToken;

/**
 * Sign-in, the caller, users and personal tokens (PROTOCOL §8). Who may call which route is the gate's business
 * ({@link scriptorium.access.Policy}); these handlers parse, call {@link Accounts} or {@link Tokens}, and write.
 */
public final class AccountRoutes {

    private final Accounts accounts;
    private final Tokens tokens;
    private final AccessSettings settings;

    public AccountRoutes(Accounts accounts, Tokens tokens, AccessSettings settings) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.settings = settings;
    }

    /** The OAuth protected-resource metadata (RFC 9728) of this server's API and MCP endpoint. */
    static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

    public void register(RoutesConfig routes) {
        routes.get(RESOURCE_METADATA, this::resourceMetadata);
        routes.post("/api/v1/session", this::signIn);
        routes.delete("/api/v1/session", this::signOut);
        routes.post("/api/v1/setup", this::setup);
        routes.get("/api/v1/me", ctx -> ctx.json(me(AccessFilter.caller(ctx))));
        routes.post("/api/v1/users", this::createUser);
        routes.get("/api/v1/users", this::listUsers);
        routes.delete("/api/v1/users/{id}", ctx -> {
            accounts.delete(AccessFilter.caller(ctx), ctx.pathParam("id"), ctx.ip());
            ctx.status(204);
        });
        routes.post("/api/v1/tokens", this::createToken);
        routes.get("/api/v1/tokens", this::listTokens);
        routes.delete("/api/v1/tokens/{id}", ctx -> {
            tokens.revoke(AccessFilter.caller(ctx), ctx.pathParam("id"), ctx.ip());
            ctx.status(204);
        });
    }

    private void signIn(Context ctx) {
        localModeHasNoSignIn();
        JsonNode body = body(ctx);
        SignedIn signedIn = accounts.signIn(text(body, "username"), text(body, "password"), ctx.ip());
        cookie(ctx, signedIn);
        ctx.json(Json.object().set("user", user(signedIn.user())));
    }

    private void setup(Context ctx) {
        localModeHasNoSignIn();
        JsonNode body = body(ctx);
        SignedIn signedIn = accounts.completeSetup(text(body, "secret"), text(body, "username"),
                text(body, "password"), ctx.ip());
        cookie(ctx, signedIn);
        ctx.status(201).json(Json.object().set("user", user(signedIn.user())));
    }

    private void signOut(Context ctx) {
        accounts.signOut(ctx.cookie(AccessFilter.SESSION_COOKIE), AccessFilter.caller(ctx), ctx.ip());
        ctx.header("Set-Cookie", AccessFilter.SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
                + (settings.secureCookies() ? "; Secure" : ""));
        ctx.status(204);
    }

    private ObjectNode me(Caller caller) {
        ObjectNode json = Json.object();
        json.set("user", user(accounts.me(caller)));
        json.put("mode", settings.mode() == AccessSettings.AuthMode.LOCAL ? "local" : "accounts")
                .put("via", caller.via().name().toLowerCase());
        ArrayNode scopes = json.putArray("scopes");
        EnumSet.copyOf(caller.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : caller.scopes())
                .forEach(scope -> scopes.add(scope.id()));
        return json;
    }

    private void createUser(Context ctx) {
        JsonNode body = body(ctx);
        String role = body.path("role").asText("user");
        if (!role.equals("user") && !role.equals("admin")) {
            throw ApiException.badRequest("invalid_field", "role: must be user or admin");
        }
        User created = accounts.create(AccessFilter.caller(ctx), text(body, "username"), text(body, "password"),
                role.equals("admin") ? Role.ADMIN : Role.USER, ctx.ip());
        ctx.status(201).json(Json.object().set("user", user(created)));
    }

    private void listUsers(Context ctx) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("users");
        accounts.list().forEach(u -> items.add(user(u)));
        ctx.json(json);
    }

    private void createToken(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode days = body.get("expires_in_days");
        if (days != null && !days.isIntegralNumber()) {
            throw ApiException.badRequest("invalid_field", "expires_in_days: must be a whole number from 1 to 365");
        }
        NewToken created = tokens.create(AccessFilter.caller(ctx), text(body, "label"), scopes(body.get("scopes")),
                days == null ? 90 : days.asInt(), ctx.ip());
        ctx.status(201).json(token(created.token()).put("token", created.secret()));
    }

    private void listTokens(Context ctx) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("tokens");
        tokens.list(AccessFilter.caller(ctx)).forEach(t -> items.add(token(t)));
        ctx.json(json);
    }

    private void localModeHasNoSignIn() {
        if (settings.mode() == AccessSettings.AuthMode.LOCAL) {
            throw new ApiException(409, "local_mode", "this server runs in local mode (AUTH_MODE=local): nobody signs in");
        }
    }

    private void cookie(Context ctx, SignedIn signedIn) {
        // HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it; the gate checks Origin too.
        ctx.header("Set-Cookie", AccessFilter.SESSION_COOKIE + "=" + signedIn.sessionSecret()
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + signedIn.lifetime().toSeconds()
                + (settings.secureCookies() ? "; Secure" : ""));
    }

    static ObjectNode user(User user) {
        return Json.object().put("id", user.id()).put("username", user.username()).put("role", user.role().id());
    }

    private static ObjectNode token(StoredToken t) {
        ObjectNode json = Json.object().put("id", t.id()).put("label", t.label());
        t.scopes().forEach(json.putArray("scopes")::add);
        return json.put("created_at", t.createdAt().toString()).put("expires_at", t.expiresAt().toString())
                .put("last_used_at", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
    }

    private static Set<Scope> scopes(JsonNode value) {
        if (value == null || !value.isArray()) {
            throw ApiException.badRequest("invalid_field", "scopes: required, an array of read, write, chat, metrics");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (JsonNode scope : value) {
            scopes.add(Scope.of(scope.asText("")).orElseThrow(() -> ApiException.badRequest("invalid_field",
                    "scopes: " + scope + " is not one of read, write, chat, metrics")));
        }
        return scopes;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("invalid_json", "body: must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A string field, or null when absent (the service names what is missing). */
    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", name + ": must be a string");
        }
        return value.asText();
    }

    /**
     * What a client (an MCP client first) needs to call this server: bearer tokens in the Authorization header, with
     * these scopes. Tokens come from the page's user menu or {@code scriptorium login}: there is no OAuth
     * authorization server to discover, so none is listed.
     */
    private void resourceMetadata(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host();
        var json = Json.object().put("resource", base + "/mcp").put("resource_name", "Scriptorium")
                .put("resource_documentation", base + "/");
        json.putArray("authorization_servers");
        json.putArray("bearer_methods_supported").add("header");
        var scopes = json.putArray("scopes_supported");
        for (String scope : List.of("read", "write", "chat", "metrics")) {
            scopes.add(scope);
        }
        ctx.json(json);
    }
}
