/**
 * The archive: notes (through {@link scriptorium.store.NoteStore}), the embedding model, the hybrid Lucene
 * index and the agents' four tools, wired by {@link scriptorium.knowledge.Knowledge}. The only package that
 * imports Lucene; it must not import {@code java.sql} (the store does) nor any HTTP class.
 */
package scriptorium.knowledge;
