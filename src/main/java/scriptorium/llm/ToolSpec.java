package scriptorium.llm;

/**
 * A tool as a model sees it: name, what it does, and its parameters as a JSON Schema object
 * (type "object", with "properties" and "required").
 */
public record ToolSpec(String name, String description, String parametersJsonSchema) {}
