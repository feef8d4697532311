package io.activitygateway.gateway.http;

import io.activitygateway.spi.Secret;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from anything about to be logged or shown: the values of the connection's secrets wherever
 * they appear, and the values of query parameters a request marked secret (a signature is as good as a key).
 */
public final class Redactor {

    static final String MASK = "***";

    private final List<String> secretValues;

    public Redactor(Collection<Secret> secrets) {
        this.secretValues = secrets.stream().map(Secret::reveal).filter(v -> v.length() >= 4).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : secretValues) {
            out = out.replace(value, MASK);
        }
        return out;
    }

    /** Redacts {@link #redact(String) secrets} and the values of the named query parameters. */
    public String redactUri(String uri, Collection<String> secretParams) {
        String out = redact(uri);
        for (String param : secretParams) {
            Matcher m = Pattern.compile("([?&]" + Pattern.quote(param) + "=)[^&#]*").matcher(out);
            out = m.replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        return out;
    }
}
