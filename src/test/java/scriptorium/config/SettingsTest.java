package scriptorium.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void nothingConfiguredGivesTheEmbeddedDefaults() {
        Settings settings = Settings.from(Map.of());
        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.http().heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.store().embedded()).isTrue();
        assertThat(settings.store().dataDir().toString()).endsWith("data");
        assertThat(settings.runs().discussionMaxMessages()).isEqualTo(4);
        assertThat(settings.runs().retention()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.model()).isInstanceOf(ModelSettings.Offline.class);
        assertThat(settings.log().format()).isEqualTo(Settings.LogSettings.Format.TEXT);
    }

    @Test
    void aVaultThatIsNotAnExistingFolderIsRefusedNamingItsPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThat(Settings.from(Map.of()).vault()).isInstanceOf(VaultSettings.Off.class);
        assertThat(Settings.from(Map.of("VAULT_PATH", dir.toString())).vault())
                .isEqualTo(new VaultSettings.Folder(dir.toAbsolutePath().normalize(), Duration.ofMillis(200)));
        var missing = dir.resolve("nowhere");
        var error = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("VAULT_PATH", missing.toString())));
        assertThat(error.problems()).containsExactly("VAULT_PATH=" + missing
                + ": no such folder (create it, or point VAULT_PATH at your vault)");
        var file = java.nio.file.Files.writeString(dir.resolve("note.md"), "x");
        error = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("VAULT_PATH", file.toString())));
        assertThat(error.problems()).containsExactly("VAULT_PATH=" + file
                + ": not a folder (the vault is a folder of Markdown files)");
    }

    @Test
    void everyBadValueIsReportedAtOnceNamingTheVariable() {
        var error = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of(
                "PORT", "eighty", "LOG_FORMAT", "xml", "DISCUSSION_MAX_MESSAGES", "1", "HEARTBEAT_SECONDS", "-5",
                "RUN_RETENTION_MINUTES", "2", "LOG_LEVEL", "loud")));
        assertThat(error.problems()).hasSize(6);
        assertThat(error.problems()).anySatisfy(p -> assertThat(p).startsWith("PORT=eighty: must be a whole number"));
        assertThat(error.problems()).anySatisfy(p -> assertThat(p).startsWith("LOG_FORMAT=xml: must be one of json, text"));
    }

    @Test
    void itListensOnLoopbackInLocalModeByDefaultAndRefusesAnyOtherAddressWithoutAccounts() {
        Settings settings = Settings.from(Map.of());
        assertThat(settings.http().host()).isEqualTo("127.0.0.1");
        assertThat(settings.access().mode()).isEqualTo(AccessSettings.AuthMode.LOCAL);
        var error = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("HOST", "0.0.0.0")));
        assertThat(error.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("HOST=0.0.0.0 listens beyond this machine").contains("AUTH_MODE=accounts", "HOST=127.0.0.1"));
        var accounts = Settings.from(Map.of("HOST", "0.0.0.0", "AUTH_MODE", "accounts", "PUBLIC_URL", "https://n.example/",
                "ALLOWED_HOSTS", "notes.lan, Box.local", "ADMIN_PASSWORD", "a-long-password"));
        assertThat(accounts.access().secureCookies()).isTrue();
        assertThat(accounts.access().publicHost()).isEqualTo("n.example");
        assertThat(accounts.access().allowedHosts()).containsExactly("notes.lan", "box.local");
        assertThat(accounts.access().maxConcurrentRuns()).isEqualTo(4);
        assertThat(accounts.access().runsPerMinute()).isEqualTo(20);
        assertThat(accounts.toString()).doesNotContain("a-long-password");
        var bad = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("AUTH_MODE", "open",
                "PUBLIC_URL", "ftp://x", "DAILY_BUDGET_USD", "-1")));
        assertThat(bad.problems()).hasSize(3);
    }

    @Test
    void logSettingsAreReadWhateverTheirCase() {
        Settings settings = Settings.from(Map.of("LOG_FORMAT", "JSON", "LOG_LEVEL", "Warn"));
        assertThat(settings.log().format()).isEqualTo(Settings.LogSettings.Format.JSON);
        assertThat(settings.log().level()).isEqualTo("warn");
        assertThat(Settings.from(Map.of("LOG_FORMAT", "Text")).log().format())
                .isEqualTo(Settings.LogSettings.Format.TEXT);
    }

    @Test
    void aPostgresUrlBecomesAJdbcUrlWithoutItsPasswordInTheDescription() {
        Settings settings = Settings.from(Map.of("DATABASE_URL", "postgres://app:s3cret@db.local:6543/scriptorium"));
        assertThat(settings.store().jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/scriptorium");
        assertThat(settings.store().user()).isEqualTo("app");
        assertThat(settings.store().password().value()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void withoutRedisUrlTheEventLogStaysInMemoryAndWithItTheUrlIsReadWithoutPrintingItsPassword() {
        assertThat(Settings.from(Map.of()).events()).isEqualTo(new EventLogSettings.Memory());
        var redis = (EventLogSettings.Redis) Settings.from(Map.of("REDIS_URL", "rediss://:p4ss@cache.local:6380/2",
                "LEASE_SECONDS", "7")).events();
        assertThat(redis.host()).isEqualTo("cache.local");
        assertThat(redis.port()).isEqualTo(6380);
        assertThat(redis.database()).isEqualTo(2);
        assertThat(redis.tls()).isTrue();
        assertThat(redis.password().value()).isEqualTo("p4ss");
        assertThat(redis.lease()).isEqualTo(Duration.ofSeconds(7));
        assertThat(redis.toString()).doesNotContain("p4ss");
        var error = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("REDIS_URL", "http://x")));
        assertThat(error.problems()).anySatisfy(p -> assertThat(p).startsWith("REDIS_URL: must be redis://"));
    }
}
