package io.activitygateway.source.onehub;

import io.activitygateway.model.ObjectRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Reads an event's HTML {@code detail}:
 * {@code <subject>who</subject> <predicate>verb</predicate> the <object><a href="/path/ID">name</a> Noun</object>
 * <complement>(7 KB)</complement> in the <object>...</object>}.
 *
 * <p>Only element text is ever taken (entities decoded, tags dropped), so markup cannot leak into a name.
 * Whatever does not follow the grammar is reported in {@link Detail#issues()} instead of failing, and the parts
 * are still read as far as they can be.
 */
final class DetailParser {

    /** Nouns Onehub writes after an unlinked object's name (a deleted target has no link). */
    private static final Set<String> NOUNS = Set.of("file", "folder", "workspace", "comment", "user", "group",
            "invitation", "page", "link", "role");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final String GRAMMAR = "subject, predicate, object, complement";
    private static final List<TagPair> TAGS = Stream.of("subject", "predicate", "object", "complement", "a")
            .map(TagPair::of).toList();

    private final URI webRoot;

    DetailParser(URI webOrigin) {
        // with a path of "/", so that a relative href resolves below the host, not onto it
        this.webRoot = URI.create(webOrigin + "/");
    }

    /**
     * @param text      the whole detail as plain text, whitespace normalized
     * @param subject   the text of {@code <subject>}, or null
     * @param predicate the text of {@code <predicate>}, or null
     * @param objects   every {@code <object>} in order: the first is what was acted on, later ones where
     * @param issues    what did not follow the grammar, empty when all did
     */
    record Detail(String text, String subject, String predicate, List<ObjectRef> objects, List<String> issues) {
    }

    Detail parse(String html) {
        if (html == null || html.isBlank()) {
            return new Detail("", null, null, List.of(), List.of("the detail is missing"));
        }
        DetailScanner.Scan plain = DetailScanner.scan(html);
        if (plain != null) {
            return fromScan(plain);
        }
        return parseWithJsoup(html);
    }

    /** Any markup, as jsoup mends it; the plain grammar gives the same through {@link DetailScanner}. */
    Detail parseWithJsoup(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        List<String> issues = new ArrayList<>(unbalancedTags(html));
        for (Element part : body.select(GRAMMAR)) {
            Element outer = part.parents().stream().filter(p -> p.is(GRAMMAR)).findFirst().orElse(null);
            if (outer != null) {
                issues.add("<" + part.tagName() + "> inside <" + outer.tagName() + ">");
            }
        }
        String subject = textOf(body.selectFirst("subject"));
        if (subject == null) {
            issues.add("no <subject>");
        }
        String predicate = textOf(body.selectFirst("predicate"));
        if (predicate == null) {
            issues.add("no <predicate>");
        }
        List<ObjectRef> objects = body.select("object").stream().map(this::object).toList();
        if (objects.isEmpty()) {
            issues.add("no <object>");
        } else if (objects.stream().anyMatch(o -> o.name() == null)) {
            issues.add("an <object> names nothing");
        }
        return new Detail(body.text(), subject, predicate, objects, issues.stream().distinct().toList());
    }

    /** The plain grammar read without jsoup: well formed by construction, so only the parts can be missing. */
    private Detail fromScan(DetailScanner.Scan plain) {
        List<String> issues = new ArrayList<>(2);
        if (plain.subject() == null) {
            issues.add("no <subject>");
        }
        if (plain.predicate() == null) {
            issues.add("no <predicate>");
        }
        List<ObjectRef> objects = new ArrayList<>(plain.objects().size());
        for (DetailScanner.ObjectPart part : plain.objects()) {
            objects.add(object(part.text(), part.linkText(), part.href()));
        }
        if (objects.isEmpty()) {
            issues.add("no <object>");
        } else if (objects.stream().anyMatch(o -> o.name() == null)) {
            issues.add("an <object> names nothing");
        }
        return new Detail(plain.text(), plain.subject(), plain.predicate(), List.copyOf(objects), issues);
    }

    /**
     * Jsoup mends broken markup silently; an unclosed or stray tag of the grammar means the detail is not it. One
     * pass over the markup (it runs for every Onehub event): {@code <name} followed by space, {@code >} or {@code /}
     * opens, {@code </name} followed by optional space and {@code >} closes, names in any case.
     */
    private static List<String> unbalancedTags(String html) {
        long[] opened = new long[TAGS.size()];
        long[] closed = new long[TAGS.size()];
        for (int at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
            boolean close = at + 1 < html.length() && html.charAt(at + 1) == '/';
            int nameStart = at + (close ? 2 : 1);
            for (int t = 0; t < TAGS.size(); t++) {
                String name = TAGS.get(t).name();
                int end = nameStart + name.length();
                if (end > html.length() || !html.regionMatches(true, nameStart, name, 0, name.length())) {
                    continue;
                }
                if (close) {
                    while (end < html.length() && space(html.charAt(end))) {
                        end++;
                    }
                    if (end < html.length() && html.charAt(end) == '>') {
                        closed[t]++;
                    }
                } else if (end < html.length() && (space(html.charAt(end)) || html.charAt(end) == '>'
                        || html.charAt(end) == '/')) {
                    opened[t]++;
                }
            }
        }
        List<String> issues = new ArrayList<>();
        for (int t = 0; t < TAGS.size(); t++) {
            if (opened[t] != closed[t]) {
                issues.add("unbalanced <" + TAGS.get(t).name() + "> (" + opened[t] + " opened, " + closed[t]
                        + " closed)");
            }
        }
        return issues;
    }

    /** What the regex {@code \\s} matched before: ASCII white space only. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private record TagPair(String name) {
        static TagPair of(String name) {
            return new TagPair(name);
        }
    }

    /** The element's own text (without grammar parts wrongly nested in it), or null when it says nothing. */
    private static String textOf(Element e) {
        if (e == null) {
            return null;
        }
        Element copy = e.clone();
        copy.select(GRAMMAR).stream().filter(nested -> nested != copy).forEach(Element::remove);
        String text = copy.text();
        return text.isEmpty() ? null : text;
    }

    private ObjectRef object(Element object) {
        String own = textOf(object);
        Element link = object.selectFirst("a[href]");
        return object(own == null ? "" : own, link == null ? null : link.text(), link == null ? null
                : link.attr("href"));
    }

    /** An object from its text and its first link's text and href (both null without a link). */
    private ObjectRef object(String text, String linkText, String rawHref) {
        if (rawHref != null) {
            String name = linkText;
            String href = rawHref.strip();
            String noun = firstWord(text.substring(text.indexOf(name) + name.length()));
            String type = noun != null ? noun : typeFromPath(href);
            return new ObjectRef(type, idFromPath(href), name.isEmpty() ? null : name, absolute(href));
        }
        int lastSpace = text.lastIndexOf(' ');
        if (lastSpace > 0 && NOUNS.contains(text.substring(lastSpace + 1).toLowerCase(Locale.ROOT))) {
            return new ObjectRef(text.substring(lastSpace + 1), null, text.substring(0, lastSpace), null);
        }
        if (EMAIL.matcher(text).matches()) {
            return new ObjectRef("user", null, text, null);
        }
        return new ObjectRef(null, null, text.isEmpty() ? null : text, null);
    }

    private static String firstWord(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf(' ');
        String word = end < 0 ? stripped : stripped.substring(0, end);
        return WORD.matcher(word).matches() ? word : null;
    }

    private static List<String> segments(String href) {
        int cut = href.length();
        for (int i = 0; i < href.length(); i++) {
            if (href.charAt(i) == '?' || href.charAt(i) == '#') {
                cut = i;
                break;
            }
        }
        // a one-character split is String's fast path, without a regex
        return List.of(href.substring(0, cut).split("/"));
    }

    /** What {@code \\d+} matched: ASCII digits only (no regex: it runs for each segment of each event). */
    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The last numeric segment: {@code /workspaces/4137/files/849607} is 849607. */
    static String idFromPath(String href) {
        List<String> segments = segments(href);
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (digits(segments.get(i))) {
                return segments.get(i);
            }
        }
        return null;
    }

    /** When the noun is missing: the collection the id sits in, singular ({@code files/849607} is a file). */
    private static String typeFromPath(String href) {
        List<String> segments = segments(href);
        for (int i = segments.size() - 1; i > 0; i--) {
            if (digits(segments.get(i))) {
                String collection = segments.get(i - 1);
                return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
            }
        }
        return null;
    }

    private String absolute(String href) {
        if (href.isEmpty()) {
            return null;
        }
        try {
            return webRoot.resolve(href).toString();
        } catch (IllegalArgumentException e) {
            return null; // an href that is no URI: the name and id still stand
        }
    }
}
