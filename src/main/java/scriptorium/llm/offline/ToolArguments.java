package scriptorium.llm.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import scriptorium.json.Jackson;

/** The JSON arguments the Offline model passes to the knowledge tools. */
final class ToolArguments {

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private ToolArguments() {}

    static String search(String query) {
        ObjectNode args = JSON.createObjectNode();
        args.put("query", query);
        args.put("limit", 5);
        return args.toString();
    }

    static String note(Restitution restitution) {
        ObjectNode args = JSON.createObjectNode();
        args.put("title", restitution.title());
        args.put("content", restitution.markdown());
        var tags = args.putArray("tags");
        restitution.keyTerms().stream().limit(3).forEach(tags::add);
        return args.toString();
    }
}
