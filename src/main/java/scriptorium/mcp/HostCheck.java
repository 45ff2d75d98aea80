package scriptorium.mcp;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import scriptorium.access.Gate;

/**
 * The MCP transport's guard against DNS rebinding (MCP "Security Warning": validate {@code Origin}, bind to
 * localhost): the {@code Host} must name this server, and a browser's {@code Origin}, when sent, must be this same
 * server. Programs send no {@code Origin}. Until issue 10's access gate checks both for every route, before any route,
 * this is the one check of {@code /mcp}; the gate then makes it redundant, never looser.
 */
final class HostCheck implements ServerHttpHeaderValidator {

    private final Set<String> hosts;

    /** @param hosts the names this server answers to, lower case, without port */
    HostCheck(Set<String> hosts) {
        this.hosts = Set.copyOf(hosts);
    }

    @Override
    public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
        String host = first(headers.getHeader("Host"));
        String name = Gate.hostName(host); // the gate's reading of the header, so both agree
        if (name == null || !hosts.contains(name)) {
            throw new ServerTransportSecurityException(403, "Host: " + host + " is not this server's name");
        }
        String origin = first(headers.getHeader("Origin"));
        if (origin != null && !sameOrigin(origin, host)) {
            throw new ServerTransportSecurityException(403, "Origin: " + origin + " is another site");
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.getFirst();
    }


    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false; // "null" (a sandboxed page, a file) is nobody's origin
            }
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
            String expected = host.strip().toLowerCase(Locale.ROOT);
            if (!expected.contains(":") || expected.endsWith("]")) {
                expected = expected + ":" + (https ? 443 : 80);
            }
            return (uri.getHost().toLowerCase(Locale.ROOT) + ":" + port).equals(expected);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
