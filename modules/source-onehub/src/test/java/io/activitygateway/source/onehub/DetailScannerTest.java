package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner replaced jsoup for the plain grammar only: for every detail here, what {@link DetailParser#parse}
 * gives must be exactly what jsoup's reading gives, whether the scanner took the detail or handed it to jsoup.
 * The cases are those Onehub's documentation shows (its samples, entities in names, deleted targets without a
 * link, invitations by e-mail) and the broken markup it warns of (nested and unbalanced tags, garbage).
 */
class DetailScannerTest {

    private final DetailParser parser = new DetailParser(URI.create("https://ws-api.onehub.com"));

    /** The plain grammar: the scanner reads it, and its reading equals jsoup's. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<subject>Matthew Anderson</subject> <predicate>viewed</predicate> the <object><a href=\"/workspaces/4137/"
                + "files/849607\">onehub-logo.png</a> File</object> <complement>(7 KB)</complement> in the <object>"
                + "<a href=\"/workspaces/4137\">Testing the API</a> Workspace</object>",
        "<subject>Zoë O&#39;Brien-Łukasz</subject> <predicate>downloaded</predicate> the <object><a href=\"/w/1/"
                + "files/2\">Q&amp;A &lt;draft&gt; &quot;final&quot; &apos;v2&apos;.pdf</a> File</object>",
        "<subject>Ann</subject> <predicate>deleted</predicate> the <object>report.pdf File</object> from the "
                + "<object><a href=\"/workspaces/9/folders/3\">Docs</a> Folder</object>",
        "<subject>Ann</subject> <predicate>invited</predicate> <object>jane@example.com</object> to the <object>"
                + "<a href=\"/workspaces/9\">Team</a> Workspace</object>",
        "  <subject>  Ann \n\t Bo  </subject>\r\n<predicate>renamed</predicate>   the <object><a href=\" /w/1/files/2"
                + "?x=1#y \">  new   name </a>   File </object> <complement>(from old name)</complement>  ",
        "<subject></subject> <predicate>viewed</predicate> the <object><a href=\"\"></a></object>",
        "<subject>Ann</subject><subject>Bo</subject><predicate>viewed</predicate><object>a</object>",
        "<subject>Ann</subject> <predicate>viewed</predicate>",
        "plain text, no tags at all &#65;&#66;",
        "<subject>Ann</subject> <predicate>moved</predicate> <a href=\"/w/1\">a link outside</a> <object><a href=\""
                + "/w/1/files/5\">one</a> and <a href=\"/w/1/files/6\">two</a> Files</object>",
        "<subject>A > B</subject> <predicate>viewed</predicate> the <object>x File</object>",
        "<subject><a href=\"/users/5\">Ann</a></subject> <predicate>viewed</predicate> the <object>x</object>",
    })
    void plainGrammarReadsAsJsoupReadsIt(String html) {
        assertNotNull(DetailScanner.scan(html), "the scanner takes the plain grammar");
        assertEquals(parser.parseWithJsoup(html), parser.parse(html));
    }

    /** Anything else goes to jsoup, so the result is jsoup's by construction; checked all the same. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<subject>Ann &amp; Bo<predicate>viewed</subject> the <object><a href=\"/workspaces/4137/files/",
        "<subject>Ann<predicate>viewed</predicate></subject> the <object>x</object>",
        "<subject>Ann</subject> <predicate>viewed</predicate> the <object><object>x</object></object>",
        "<subject>Ann</subject> <predicate>viewed</predicate> the <object>x",
        "<subject>Ann</subject></subject> <predicate>viewed</predicate> <object>x</object>",
        "<SUBJECT>Ann</SUBJECT> <predicate>viewed</predicate> <object>x</object>",
        "<subject class=\"u\">Ann</subject> <predicate>viewed</predicate> <object>x</object>",
        "<subject>Eve<script>alert(1)</script></subject> <predicate>updated</predicate> <object>x</object>",
        "<subject>Ann&nbsp;Bo</subject> <predicate>viewed</predicate> <object>&eacute;t&eacute; File</object>",
        "<subject>Ann\u00a0Bo\u200b</subject> <predicate>viewed</predicate> <object>x&#160;y&#x41;&#150;</object>",
        "<subject>Ann &amp Bo</subject> <predicate>viewed</predicate> <object>x</object>",
        "<subject>Ann</subject> <predicate>viewed</predicate> <object><a href='/w/1/files/2'>x</a></object>",
        "<subject>Ann</subject> <predicate>viewed</predicate> <object><a href=\"/w?a=1&amp;b=2\">x</a></object>",
        "<subject>Ann</subject> <predicate>viewed</predicate> <object><a href=\"/w/1\">x<a href=\"/w/2\">y</a>"
                + "</a></object>",
        "<subject>Ann</subject> <predicate>viewed</predicate> <object><a href=\"/w/1\">x</object></a>",
        "<subject>Ann</subject> <predicate>viewed <b>bold</b></predicate> <object>x<br>y</object>",
        "<subject>Ann</subject> < predicate>viewed</predicate> <object>x</object> 1 < 2",
        "<!-- a comment --><subject>Ann</subject> <predicate>viewed</predicate> <object>x</object>",
    })
    void otherMarkupIsLeftToJsoup(String html) {
        assertNull(DetailScanner.scan(html), "the scanner hands this to jsoup");
        assertEquals(parser.parseWithJsoup(html), parser.parse(html));
    }
}
