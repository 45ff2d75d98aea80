package scriptorium.llm.offline;

import java.util.ArrayList;
import java.util.List;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ModelRequest;

/** Plume's synthesis of a discussion without a model: the restitution, linked to what Mimir found. */
final class Synthesis {

    private Synthesis() {}

    static String write(ModelRequest request, Restitution restitution) {
        Language lang = restitution.language();
        List<String> found = new ArrayList<>();
        boolean mimirSpoke = false;
        for (ChatMessage message : request.messages()) {
            if (message instanceof ChatMessage.Peer peer) {
                mimirSpoke = true;
                peer.text().lines().filter(line -> line.matches("^\\d+\\. .*")).forEach(found::add);
            }
        }
        var out = new StringBuilder();
        out.append(lang.say("### Synthèse : ", "### Synthesis: ")).append(restitution.title()).append("\n\n");
        out.append(lang.say("**Ta demande** : ", "**Your request**: "))
                .append(String.join(" ", restitution.sentences())).append("\n\n");
        out.append(lang.say("**Ce que dit l'archive** : ", "**What the archive says**: "));
        if (found.isEmpty()) {
            out.append(lang.say(
                    "aucune note ne porte encore sur " + terms(restitution, lang) + (mimirSpoke ? "." : " (Mimir n'a pas répondu)."),
                    "no note is about " + terms(restitution, lang) + " yet" + (mimirSpoke ? "." : " (Mimir did not answer).")))
                    .append("\n\n");
            out.append(lang.say("**En bref** : demande à Plume de noter ce sujet pour que Mimir le retrouve.",
                    "**In short**: ask Plume to note this topic so that Mimir can find it later."));
        } else {
            out.append(lang.say(found.size() + " note(s) liée(s) :", found.size() + " related note(s):")).append("\n\n");
            found.forEach(line -> out.append(line).append("\n"));
            out.append("\n").append(lang.say(
                    "**En bref** : ta question rejoint ces notes ; ouvre-les pour les sources complètes.",
                    "**In short**: your question meets these notes; open them for the full sources."));
        }
        return out.append("\n").toString();
    }

    private static String terms(Restitution restitution, Language lang) {
        return restitution.keyTerms().isEmpty()
                ? lang.say("ce sujet", "this topic")
                : "« " + String.join(", ", restitution.keyTerms()) + " »";
    }
}
