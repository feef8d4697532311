package io.activitygateway.source.worksection;

import io.activitygateway.model.ObjectRef;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes {@code object.page} ({@code /project/PROJECT_ID/} or {@code /project/PROJECT_ID/TASK_ID/}, relative
 * to the account's address) into absolute links, and names the project a page lies in.
 */
final class Links {

    private static final Pattern PROJECT_PAGE = Pattern.compile("^/project/([^/?#]+)/");

    private final String origin;

    /** @param baseUrl the API's base URL; pages live at the same scheme, host and port */
    Links(URI baseUrl) {
        this.origin = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
    }

    /** The page as an absolute URL; null when there is no page. */
    String url(String page) {
        if (page == null || page.isBlank()) {
            return null;
        }
        String p = page.strip();
        if (p.startsWith("http://") || p.startsWith("https://")) {
            return p;
        }
        return origin + (p.startsWith("/") ? p : "/" + p);
    }

    /** The project the page belongs to, or null when the page does not name one. */
    ObjectRef projectOf(String page) {
        if (page == null) {
            return null;
        }
        String path = page.strip();
        if (path.startsWith(origin)) {
            path = path.substring(origin.length());
        }
        Matcher m = PROJECT_PAGE.matcher(path);
        if (!m.find()) {
            return null;
        }
        String id = m.group(1);
        return new ObjectRef("project", id, null, origin + "/project/" + id + "/");
    }
}
