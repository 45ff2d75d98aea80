/**
 * Settings: read once from environment variables by {@link scriptorium.config.Settings#from}, validated there,
 * every problem reported at once. Nothing else reads the environment. Imports no other package of ours.
 */
package scriptorium.config;
