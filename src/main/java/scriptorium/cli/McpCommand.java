package scriptorium.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scriptorium.mcp.McpEndpoint;
import scriptorium.mcp.StdioBridge;

/**
 * {@code scriptorium mcp}: the server's MCP tools over stdio, for clients that start a local process (Claude Desktop
 * and the like). Relays to a running server's {@code /mcp}; never opens the database. Exits 0 when stdin ends.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = "Serve MCP over stdio, relayed to a running server's /mcp endpoint.")
public final class McpCommand implements Callable<Integer> {

    @Option(names = "--url", description = "Server URL (default: $SCRIPTORIUM_URL or http://localhost:8080).")
    String url;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String base = (url != null ? url : System.getenv().getOrDefault("SCRIPTORIUM_URL", "http://localhost:8080"))
                .replaceAll("/+$", "");
        URI endpoint;
        try {
            endpoint = URI.create(base + McpEndpoint.PATH);
        } catch (IllegalArgumentException e) {
            System.err.println("scriptorium mcp: --url: not a URL: " + base);
            return 2;
        }
        // stdout carries the protocol alone: nothing else may print there.
        var protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        new StdioBridge(endpoint, System.getenv("SCRIPTORIUM_TOKEN"), protocol, System.err).run(System.in);
        return 0;
    }
}
