/**
 * The JSON mapper every package shares ({@link scriptorium.json.Jackson}). Imports no other package of ours.
 */
package scriptorium.json;
