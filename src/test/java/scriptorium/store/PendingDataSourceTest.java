package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A connection from a database whose opening failed fails with the opening's cause. */
class PendingDataSourceTest {

    @Test
    void aFailedOpeningFailsEachConnectionWithItsCause() {
        var cause = new StoreException("cannot migrate the database schema: broken", null);
        var pending = new PendingDataSource(CompletableFuture.failedFuture(cause));
        assertThatThrownBy(pending::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cannot migrate the database schema: broken")
                .hasCause(cause);
    }
}
