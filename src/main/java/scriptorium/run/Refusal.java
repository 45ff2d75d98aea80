package scriptorium.run;

/** An exception that already is an answer: a request refused at the edge with its status and code (bad input). */
public interface Refusal {
    int status();

    String code();

    String getMessage();
}
