package com.logprocessor.merkle.node;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.text.Texts;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.web.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns what a request gave for a node (a URL, or a node id such as {@code storage-node-1}) into
 * where to read its digests. Two steps, so a request is refused for every bad field at once
 * before anything is looked up: {@link #check} is syntax only (400s), {@link #resolve} looks ids
 * up in ring membership (404 for an id no member has). A URL is taken as given, so a node can be
 * asked even when membership does not list it (an operator checking a node that left).
 */
@Component
public class NodeResolver {

    static final int MAX_URL_CHARS = 2048;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final RingView ring;

    public NodeResolver(RingView ring) {
        this.ring = ring;
    }

    /**
     * A node as a request gave it: under {@code urlField} (a URL or an id) or, for ids, under
     * {@code idField}. Giving both with different values is a violation of its own.
     */
    public record Given(String field, String value, boolean conflicting) {

        public static Given of(String urlField, String url, String idField, String id) {
            return url == null && id != null ? new Given(idField, id, false)
                    : new Given(urlField, url, url != null && id != null && !url.equals(id));
        }
    }

    /** What is wrong with a node as given; empty when it can be resolved. */
    public List<Violation> check(Given given) {
        return given.conflicting()
                ? List.of(new Violation(given.field(), "give the node in one field, not in two"))
                : check(given.field(), given.value());
    }

    /** {@link #resolve(String, String)} of a node as given. */
    public ResolvedNode resolve(Given given) {
        return resolve(given.field(), given.value());
    }

    /** What is wrong with {@code value} as the node of {@code field}; empty when it can be resolved. */
    public List<Violation> check(String field, String value) {
        List<Violation> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "is required: a storage node's URL (http://host:port) or id (storage-node-1)"));
        } else if (value.contains("://")) {
            urlProblem(value).ifPresent(problem -> out.add(new Violation(field, problem)));
        } else if (!NODE_ID.matcher(value).matches()) {
            out.add(new Violation(field, "'" + Texts.abbreviate(value, 80)
                    + "' is neither a URL (http://host:port) nor a node id (letters, digits, '.', '_' and '-',"
                    + " at most 128 characters)"));
        }
        return out;
    }

    /**
     * The node {@code value} names; {@link #check} must have passed. An id no member has is 404; a
     * member whose URL is not known (down since before this service started) is 503.
     */
    public ResolvedNode resolve(String field, String value) {
        MembershipSnapshot snapshot = ring.snapshot();
        if (value.contains("://")) {
            String url = normalize(value);
            return new ResolvedNode(memberAt(snapshot, url).orElse(null), url);
        }
        Member member = snapshot.member(value).orElseThrow(() -> ProblemException.notFound("unknown node '" + value
                        + "' in " + field + ": no member of the ring has this id (members: "
                        + snapshot.members().keySet() + "); give a node id or URL")
                .with("field", field));
        if (member.url() == null) {
            throw ProblemException.unavailable("node '" + value + "' (" + field + ") is " + member.state()
                    + " and its URL is not known").with("field", field);
        }
        return new ResolvedNode(member.nodeId(), normalize(member.url()));
    }

    private static Optional<String> memberAt(MembershipSnapshot snapshot, String url) {
        return snapshot.members().values().stream()
                .filter(m -> m.url() != null && normalize(m.url()).equalsIgnoreCase(url))
                .map(Member::nodeId)
                .findFirst();
    }

    private static Optional<String> urlProblem(String value) {
        if (value.length() > MAX_URL_CHARS) {
            return Optional.of("must be at most " + MAX_URL_CHARS + " characters, was " + value.length());
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("'" + Texts.abbreviate(value, 80) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("'" + Texts.abbreviate(value, 80) + "' is not an http(s) URL");
        }
        if (uri.getHost() == null) {
            return Optional.of("'" + Texts.abbreviate(value, 80) + "' has no valid host (expected http://host:port)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("'" + Texts.abbreviate(value, 80) + "' must be a node's base URL, without credentials,"
                    + " query or fragment");
        }
        return Optional.empty();
    }

    /** Without trailing slashes: the client appends {@code /api/storage/...}. */
    static String normalize(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
