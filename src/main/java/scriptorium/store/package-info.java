/**
 * The database: Flyway migrations (resources under {@code db/migration}, for H2 and PostgreSQL alike) and
 * repositories over a {@link javax.sql.DataSource}. The only package that imports {@code java.sql}.
 */
package scriptorium.store;
