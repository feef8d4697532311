package io.activitygateway.source.onehub;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a detail that is exactly the plain grammar Onehub writes, yielding the texts jsoup's tree would
 * give, without building the tree (jsoup was the largest part of the gateway's ingest CPU).
 *
 * <p>Plain means: text, the lower-case tags {@code <subject> <predicate> <object> <complement>} without
 * attributes, never inside each other, {@code <a href="...">} (one double-quoted attribute without {@code &}) not
 * inside another link, every tag closed in order, and only the entities {@code &amp; &lt; &gt; &quot; &apos;}
 * and decimal {@code &#NN;} of printable characters. Anything else (other tags, upper case, attributes, nesting,
 * unbalanced markup, other entities, non-breaking or invisible spaces, control characters) returns null, and
 * the caller reads the detail with jsoup as before, so jsoup still decides every case this scanner does not
 * know to give the same answer for. The equivalence is tested against jsoup on the documented cases.
 */
final class DetailScanner {

    /** An {@code <object>}: its whole text, and its first link's text and href (null when it has no link). */
    record ObjectPart(String text, String linkText, String href) {
    }

    /** Texts with whitespace collapsed and trimmed, as jsoup's {@code Element.text()}; subject and predicate null when empty. */
    record Scan(String text, String subject, String predicate, List<ObjectPart> objects) {
    }

    private static final String[] PARTS = {"subject", "predicate", "object", "complement"};
    private static final String LINK_OPEN = "<a href=\"";

    private DetailScanner() {
    }

    /** The detail's texts, or null when it is not the plain grammar (read it with jsoup then). */
    static Scan scan(String html) {
        Text body = new Text();
        Text part = null;
        String partName = null;
        Text link = null;
        String href = null;
        String linkText = null; // the open object's first link
        String linkHref = null;
        String subject = null;
        String predicate = null;
        List<ObjectPart> objects = new ArrayList<>(2);
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (i + 1 < n && html.charAt(i + 1) == '/') {
                    int end = html.indexOf('>', i);
                    if (end < 0) {
                        return null;
                    }
                    int nameStart = i + 2;
                    int nameLength = end - nameStart;
                    if (nameLength == 1 && html.charAt(nameStart) == 'a') {
                        if (link == null) {
                            return null;
                        }
                        if ("object".equals(partName) && linkHref == null) {
                            linkText = link.result();
                            linkHref = href;
                        }
                        link = null;
                    } else if (partName != null && link == null && nameLength == partName.length()
                            && html.startsWith(partName, nameStart)) {
                        String text = part.result();
                        switch (partName) {
                            case "subject" -> subject = subject == null ? text : subject;
                            case "predicate" -> predicate = predicate == null ? text : predicate;
                            case "object" -> objects.add(new ObjectPart(text, linkText, linkHref));
                            default -> {
                                // the complement's text is only part of the whole
                            }
                        }
                        partName = null;
                        part = null;
                        linkText = null;
                        linkHref = null;
                    } else {
                        return null;
                    }
                    i = end + 1;
                } else if (html.startsWith(LINK_OPEN, i)) {
                    int quote = html.indexOf('"', i + LINK_OPEN.length());
                    if (link != null || quote < 0 || quote + 1 >= n || html.charAt(quote + 1) != '>') {
                        return null;
                    }
                    href = html.substring(i + LINK_OPEN.length(), quote);
                    if (href.indexOf('&') >= 0 || href.indexOf('<') >= 0 || href.indexOf('>') >= 0) {
                        return null;
                    }
                    link = new Text();
                    i = quote + 2;
                } else {
                    String opened = partOpenedAt(html, i);
                    if (opened == null || partName != null || link != null) {
                        return null;
                    }
                    partName = opened;
                    part = new Text();
                    i += opened.length() + 2;
                }
                continue;
            }
            char decoded = c;
            if (c == '&') {
                int semicolon = html.indexOf(';', i);
                if (semicolon < 0 || semicolon - i > 8) {
                    return null;
                }
                decoded = entity(html, i + 1, semicolon);
                if (decoded == 0) {
                    return null;
                }
                i = semicolon + 1;
            } else {
                i++;
            }
            if (!plain(decoded)) {
                return null;
            }
            body.add(decoded);
            if (part != null) {
                part.add(decoded);
            }
            if (link != null) {
                link.add(decoded);
            }
        }
        if (partName != null || link != null) {
            return null;
        }
        return new Scan(body.result(), emptyToNull(subject), emptyToNull(predicate), objects);
    }

    /** The first {@code <subject>} decides, even when it is empty (jsoup's {@code selectFirst}). */
    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String partOpenedAt(String html, int at) {
        for (String name : PARTS) {
            int end = at + 1 + name.length();
            if (end < html.length() && html.charAt(end) == '>' && html.startsWith(name, at + 1)) {
                return name;
            }
        }
        return null;
    }

    /** The character of {@code &name;} between from and the semicolon, or 0 when it is not one of the plain ones. */
    private static char entity(String html, int from, int semicolon) {
        if (html.charAt(from) == '#') {
            if (semicolon - from < 2) {
                return 0;
            }
            int value = 0;
            for (int k = from + 1; k < semicolon; k++) {
                char d = html.charAt(k);
                if (d < '0' || d > '9') {
                    return 0;
                }
                value = value * 10 + (d - '0');
            }
            return value >= 0x20 && value < 0x7F ? (char) value : 0;
        }
        return switch (html.substring(from, semicolon)) {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            default -> 0;
        };
    }

    /**
     * Characters jsoup's text treats like any other: not the non-breaking space, soft hyphen, zero-width or
     * other Unicode spaces it may drop or fold, no control characters but the three spaces, nothing in the C1
     * range (which jsoup's numeric entities remap).
     */
    private static boolean plain(char c) {
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c >= 0x7F && c <= 0xA0) {
            return false;
        }
        return c != 0xAD && (c < 0x2000 || c > 0x200F) && c != 0xFEFF && c != 0x2028 && c != 0x2029
                && c != 0x3000;
    }

    /** Whitespace (space, tab, newline, return) collapsed to one space, leading and trailing dropped. */
    private static final class Text {
        private final StringBuilder out = new StringBuilder(32);
        private boolean space;

        void add(char c) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = true;
                return;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }

        String result() {
            return out.toString();
        }
    }
}
