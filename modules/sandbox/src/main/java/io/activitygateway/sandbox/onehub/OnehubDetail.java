package io.activitygateway.sandbox.onehub;

import io.activitygateway.sandbox.fault.Malformation;

/**
 * Renders {@code detail} in the documented grammar: {@code <subject>}, {@code <predicate>}, the acted-on
 * {@code <object>}, an optional {@code <complement>}, then where it happened as a second {@code <object>}.
 */
final class OnehubDetail {

    private OnehubDetail() {
    }

    static String render(OnehubEvent e, String actorName, String workspaceName) {
        if (e.malformed() == Malformation.ONEHUB_GARBAGE_DETAIL) {
            return "<subject>" + escape(actorName) + "<predicate>" + e.verb().predicate()
                    + "</subject> the <object><a href=\"/workspaces/" + e.workspaceId() + "/files/";
        }
        StringBuilder out = new StringBuilder(256);
        boolean renamed = e.verb() == Verb.UPDATE && e.formerName() != null;
        out.append("<subject>").append(escape(actorName)).append("</subject> <predicate>")
                .append(renamed ? "renamed" : e.verb().predicate()).append("</predicate> ");
        if (e.target() == OnehubEvent.Target.INVITATION) {
            out.append("<object>").append(escape(e.targetName())).append("</object>");
        } else {
            boolean file = e.target() == OnehubEvent.Target.FILE;
            out.append("the <object>");
            String href = "/workspaces/" + e.workspaceId() + (file ? "/files/" : "/folders/") + e.targetId();
            link(out, e.targetLinked() ? href : null, e.targetName());
            out.append(file ? " File" : " Folder").append("</object>");
        }
        if (renamed) {
            out.append(" <complement>(from ").append(escape(e.formerName())).append(")</complement>");
        } else if (e.sizeBytes() > 0) {
            out.append(" <complement>(").append(size(e.sizeBytes())).append(")</complement>");
        }
        out.append(' ').append(e.verb().preposition()).append(" the <object>");
        if (e.folderId() != 0) {
            link(out, "/workspaces/" + e.workspaceId() + "/folders/" + e.folderId(), e.placeName());
            out.append(" Folder</object>");
        } else {
            link(out, "/workspaces/" + e.workspaceId(), workspaceName);
            out.append(" Workspace</object>");
        }
        return out.toString();
    }

    private static void link(StringBuilder out, String href, String name) {
        if (href == null) {
            out.append(escape(name));
        } else {
            out.append("<a href=\"").append(href).append("\">").append(escape(name)).append("</a>");
        }
    }

    /** Human size as Onehub shows it: {@code 512 Bytes}, {@code 7 KB}, {@code 1.4 MB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
