package scriptorium.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.events.EventFeed;
import scriptorium.knowledge.NoteService;
import scriptorium.run.RunService;

/**
 * The MCP server at {@link #PATH}: the official SDK's Streamable HTTP transport (a servlet, which {@code http} serves
 * as routes) and its server with our tools and the note resource template, at the newest protocol revision the SDK
 * speaks. Stateful, because the SDK's stateless transport answers each request with one JSON body and so cannot send
 * progress notifications; a session holds no more than what the client said at {@code initialize}, in this instance's
 * memory (a client whose session is unknown here gets 404 and initializes again, as the protocol says). Tool calls run
 * on the request's own virtual thread.
 */
public final class McpEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);

    public static final String PATH = "/mcp";
    private static final String CALLER = "scriptorium.caller";
    /** A session idle (no request, no open stream) from one sweep to the next is forgotten: 10 to 20 minutes. */
    private static final Duration SESSION_SWEEP = Duration.ofMinutes(10);
    /** A context without a caller (none was looked up) is nobody, who may do nothing. */
    private static final McpCaller NOBODY = new McpCaller("nobody", Set.of());

    private final HttpServlet servlet;
    private final McpSyncServer server;

    private McpEndpoint(HttpServlet servlet, McpSyncServer server) {
        this.servlet = servlet;
        this.server = server;
    }

    /** Who makes a request: today {@code request -> McpCaller.LOCAL}; with accounts, the gate's caller. */
    @FunctionalInterface
    public interface Callers {
        McpCaller of(HttpServletRequest request);
    }

    /** Refuses a run its caller may not start now (the per-user limits): an exception whose message says why. */
    public interface RunAdmission {
        void admit(String owner);
    }

    /**
     * @param hosts     the names this server answers to ({@link HostCheck})
     * @param keepAlive how often an open stream is pinged, so that a client that left is noticed
     */
    public static McpEndpoint start(NoteService notes, RunService runs, EventFeed events, Callers callers,
                                    RunAdmission admission, Set<String> hosts, Duration keepAlive, String version) {
        McpJsonMapper json = new RefusalJson(McpJsonDefaults.getMapper());
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(PATH)
                .maxRequestSize(McpServlet.MAX_BODY)
                .httpHeaderValidator(new HostCheck(hosts))
                .keepAliveInterval(keepAlive)
                .sessionSweepInterval(SESSION_SWEEP)
                .contextExtractor(request -> McpTransportContext.create(Map.of(CALLER, callers.of(request))))
                .build();
        var noteTools = new NoteTools(notes);
        var tools = new ArrayList<McpTool>(noteTools.all());
        tools.addAll(new AskTools(new RunFollower(runs, events), admission).all());
        var specs = new McpTools(json);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(McpSchema.Implementation.builder("scriptorium", version).title("Scriptorium").build())
                .instructions("""
                        The user's notes (an archive) and two agents. Find notes with search_notes, recent_notes and \
                        related_notes; read one with read_note (or the resource note://{id}); write with create_note \
                        and update_note (pass the version you read). ask_mimir answers a question from the notes, \
                        with sources; ask_plume restates text faithfully or saves it as a note.""")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .jsonMapper(json)
                // Our Arguments name the argument and the rule in their refusals; the SDK's schema check would answer
                // first, with a validator's wording.
                .validateToolInputs(false)
                .immediateExecution(true)
                .tools(tools.stream().map(specs::specification).toList())
                .resourceTemplates(new NoteResources(noteTools).template())
                .build();
        log.info("MCP endpoint ready at {}: {} tools, protocol revisions {}", PATH, tools.size(),
                transport.protocolVersions());
        return new McpEndpoint(new McpServlet(transport), server);
    }

    /** The transport, to serve at {@link #PATH} (POST, GET and DELETE). */
    public HttpServlet servlet() {
        return servlet;
    }

    static McpCaller caller(McpTransportContext context) {
        return context.get(CALLER) instanceof McpCaller caller ? caller : NOBODY;
    }

    /** Ends every session (their open streams close); called before the HTTP server stops. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
