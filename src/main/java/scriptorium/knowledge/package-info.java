/**
 * The archive: notes (through {@link scriptorium.store.NoteStore}), the links between them, the embedding model and
 * the hybrid Lucene index, and the live vault (a folder of Markdown files kept in sync both ways), wired by
 * {@link scriptorium.knowledge.Knowledge}. The only package that imports Lucene; it knows nothing
 * of runs or agents (their tools over it live in {@code agent}).
 */
package scriptorium.knowledge;
