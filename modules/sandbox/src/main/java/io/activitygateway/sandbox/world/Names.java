package io.activitygateway.sandbox.world;

import java.util.List;
import java.util.Random;

/**
 * Names for simulated objects. They deliberately mix non-ASCII letters, apostrophes, double quotes, {@code &}
 * and {@code <}, so every adapter meets escaping and encoding problems on its first run, not in production.
 */
public final class Names {

    /** Used as the first project/workspace name of every world, so tests can count on it. */
    public static final String TRICKY = "Zoë's \"Q3\" R&D <draft>";

    private static final List<String> FIRST = List.of("Zoë's", "Café", "Łódź", "Nordic", "\"Blue Sky\"", "Ünïcode",
            "São Paulo", "Q3", "O'Brien's", "Smith & Wesson", "Crème brûlée", "Kyiv", "Straße", "Ålesund", "İstanbul",
            "München");
    private static final List<String> SECOND = List.of("R&D", "roadmap", "launch", "rebrand", "migration", "audit",
            "<draft>", "budget", "onboarding", "naïve rollout", "\"final\" review", "research", "intranet", "résumé pack",
            "A&B test", "offsite");
    private static final List<String> FILE_STEMS = List.of("report", "Zoë's notes", "budget \"v2\"", "R&D plan",
            "<draft> spec", "façade photo", "minutes", "contract", "Résumé", "logo", "Q3 & Q4 forecast", "invoice");
    private static final List<String> FILE_TYPES = List.of(".pdf", ".docx", ".xlsx", ".png", ".txt", ".pptx");
    private static final List<String> NOTES = List.of("Call with Zoë", "Fixed the \"login\" bug", "R&D sync",
            "Reviewed <draft> copy", "Crème brûlée tasting", "Taxi to O'Hare", "Sprint planning", "Client workshop",
            "Hotel in München", "Bug bash & triage", "Naïve Bayes spike", "Design review");

    private Names() {
    }

    public static String title(Random random) {
        return pick(random, FIRST) + " " + pick(random, SECOND);
    }

    public static String fileName(Random random) {
        return pick(random, FILE_STEMS) + " " + (1 + random.nextInt(99)) + pick(random, FILE_TYPES);
    }

    public static String note(Random random) {
        return pick(random, NOTES) + " #" + (1 + random.nextInt(999));
    }

    public static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
