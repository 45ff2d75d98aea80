/**
 * The Offline model: no generation, but Plume restitutes and saves notes, Mimir searches and cites, and a
 * discussion ends in a synthesis, through the same {@link scriptorium.llm.ChatModel} interface as any provider.
 */
package scriptorium.llm.offline;
