package scriptorium.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scriptorium.events.Mode;

/** PROTOCOL §6, as a table: message and mode in, route and reason out. */
class RouterTest {

    private final Router router = new Router();

    @ParameterizedTest(name = "{0} [{1}] -> {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            Plume et Mimir, pouvez-vous discuter ensemble sur l'importance de la documentation technique ? | auto | discussion | named:both
            Plume, peux-tu reformuler cette phrase : 'Python est un langage de programmation' ?             | auto | plume      | named:plume
            Mimir, trouve mes notes sur la programmation Python                                             | auto | mimir      | named:mimir
            Qu'est-ce que RAG en intelligence artificielle ?                                                | discussion | discussion | mode
            @Mimir où sont mes notes ?                                                                      | plume | mimir     | named:mimir
            mimir: what did I write about Lucene?                                                           | auto | mimir      | named:mimir
            PLUME, résume ceci                                                                              | mimir | plume     | named:plume
            MÌMÎR et plume                                                                                  | auto | discussion | named:both
            Les plumes du paon sont belles                                                                  | auto | plume      | auto:capture
            Le plumage du paon, quelle merveille ?                                                          | auto | discussion | auto:open_question
            Mimirs everywhere: summarize this                                                               | auto | plume      | auto:restitution
            Reformule : le chat dort                                                                        | auto | plume      | auto:restitution
            Find my notes about Kafka                                                                       | auto | mimir      | auto:search
            Compare Kafka et RabbitMQ                                                                       | auto | discussion | auto:debate
            What is RAG?                                                                                    | auto | discussion | auto:open_question
            Le RAG combine un index et un modèle de langage.                                                | auto | plume      | auto:capture
            Le RAG combine recherche et génération.                                                         | mimir | mimir     | mode
            """)
    void routes(String message, String mode, String route, String reason) {
        Routing routing = router.route(message, Mode.parse(mode).orElseThrow());
        assertThat(routing.route().id()).isEqualTo(route);
        assertThat(routing.reason()).isEqualTo(reason);
    }
}
