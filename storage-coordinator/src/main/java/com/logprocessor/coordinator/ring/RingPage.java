package com.logprocessor.coordinator.ring;

import com.logprocessor.core.ring.DistributionStats;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.token.Token;
import com.logprocessor.support.antientropy.AntiEntropyClient;
import com.logprocessor.support.antientropy.JobCounts;
import com.logprocessor.support.antientropy.JobList;
import com.logprocessor.support.antientropy.JobStatus;
import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.ReplicationProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /ring}: the ring as a picture and a table, for people. The donut shows every token
 * range in its owner's colour (even colours = even ownership); the table shows each member's
 * state, heartbeat age, token count, ownership, the logs it owns as primary and the copies it stores
 * (from the last distribution refresh) and circuit breaker, with a Forget button for dead members,
 * and the balance score. Below, the anti-entropy repairs: jobs running now with their progress (filling a node
 * that joined or came back, comparing ranges) and the latest ones, from the anti-entropy
 * coordinator's jobs API. Refreshes itself every 5 seconds.
 */
@Controller
public class RingPage {

    private static final int RUNNING_SHOWN = 50;
    private static final int LATEST_SHOWN = 10;
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295"};

    private final RingStatus status;
    private final RingController controller;
    private final ReplicationProperties replication;
    private final MembershipProperties membership;
    private final AntiEntropyClient antiEntropy;
    private final DistributionService distribution;

    public RingPage(RingStatus status, RingController controller, ReplicationProperties replication,
                    MembershipProperties membership, AntiEntropyClient antiEntropy, DistributionService distribution) {
        this.status = status;
        this.distribution = distribution;
        this.controller = controller;
        this.replication = replication;
        this.membership = membership;
        this.antiEntropy = antiEntropy;
    }

    @GetMapping(path = "/ring", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public String page(@RequestParam(required = false) String message,
                       @io.swagger.v3.oas.annotations.Parameter(hidden = true) CsrfToken csrf) {
        List<RingStatus.MemberStatus> members = status.members();
        Ring ring = status.ring();
        List<String> colourOrder = new ArrayList<>();
        members.forEach(m -> colourOrder.add(m.nodeId()));
        long up = members.stream().filter(m -> m.state().equals("UP")).count();

        StringBuilder html = new StringBuilder(16_384);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>Ring · storage coordinator</title>
                <style>
                 body{font-family:system-ui,sans-serif;margin:2rem;color:#222;background:#fafafa}
                 h1{margin:0 0 .3rem}.sub{color:#666;margin-bottom:1.5rem}
                 .wrap{display:flex;gap:2rem;align-items:flex-start;flex-wrap:wrap}
                 h2{margin:2rem 0 .3rem;font-size:1.2rem}
                 table{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px #0002}
                 th,td{padding:.45rem .8rem;border-bottom:1px solid #eee;text-align:left;font-size:.92rem}
                 th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
                 .badge{padding:.1rem .5rem;border-radius:.6rem;color:#fff;font-size:.8rem}
                 .UP{background:#2e8b57}.DOWN{background:#c0392b}.CLOSED{background:#2e8b57}
                 .OPEN,.FORCED_OPEN,.FAILED{background:#c0392b}.RUNNING{background:#4e79a7}.PENDING{background:#888}.COMPLETED{background:#2e8b57}.HALF_OPEN{background:#e08e0b}.DISABLED,.METRICS_ONLY{background:#888}
                 .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:.2rem;margin-right:.4rem;vertical-align:middle}
                 .msg{background:#fff3cd;padding:.5rem 1rem;border-radius:.3rem;margin-bottom:1rem}
                 button{cursor:pointer}
                </style></head><body>
                """);
        html.append("<h1>Consistent-hash ring</h1><div class=\"sub\">")
                .append(up).append(" of ").append(members.size()).append(" storage nodes up · ")
                .append(ring.tokenCount()).append(" tokens · ").append(membership.vnodes()).append(" vnodes per node · RF ")
                .append(replication.factor()).append("</div>");
        if (message != null && !message.isBlank()) {
            html.append("<div class=\"msg\" id=\"message\">").append(escape(message)).append("</div>");
        }
        Optional<DistributionStats> spread = distribution.latest();
        html.append("<div class=\"wrap\">");
        donut(html, ring, colourOrder);
        html.append("<div><table id=\"members\"><thead><tr><th>Node</th><th>State</th><th>Heartbeat age</th><th>Tokens</th>"
                + "<th>Primary %</th><th>Replicated %</th><th>Logs owned (primary)</th><th>Copies stored</th>"
                + "<th>Breaker</th><th>URL</th><th></th></tr></thead><tbody>");
        for (RingStatus.MemberStatus m : members) {
            String colour = PALETTE[colourOrder.indexOf(m.nodeId()) % PALETTE.length];
            html.append("<tr data-node=\"").append(escape(m.nodeId())).append("\"><td><span class=\"swatch\" style=\"background:")
                    .append(colour).append("\"></span>").append(escape(m.nodeId())).append("</td>")
                    .append("<td><span class=\"badge state ").append(m.state()).append("\">").append(m.state()).append("</span></td>")
                    .append("<td class=\"num\">").append(m.heartbeatAgeSeconds() == null ? "–"
                            : String.format(Locale.ROOT, "%.1f s", m.heartbeatAgeSeconds())).append("</td>")
                    .append("<td class=\"num\">").append(m.tokens()).append("</td>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.2f", m.primaryOwnershipPercent())).append("</td>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.2f", m.replicatedOwnershipPercent())).append("</td>")
                    .append("<td class=\"num primary-logs\">").append(count(spread.map(d -> d.logsPerNode().get(m.nodeId()))))
                    .append("</td><td class=\"num stored-copies\">")
                    .append(count(spread.map(d -> d.storedCopiesPerNode().get(m.nodeId())))).append("</td>")
                    .append("<td><span class=\"badge breaker ").append(m.breaker()).append("\">").append(m.breaker()).append("</span></td>")
                    .append("<td>").append(m.url() == null ? "–" : escape(m.url())).append("</td><td>");
            if (m.state().equals("DOWN")) {
                html.append("<form method=\"post\" action=\"/ring/forget\" onsubmit=\"return confirm('Forget ")
                        .append(escape(m.nodeId())).append(" for good? Its tokens will be released.')\">")
                        .append("<input type=\"hidden\" name=\"node\" value=\"").append(escape(m.nodeId())).append("\">")
                        .append(csrfField(csrf))
                        .append("<button type=\"submit\" class=\"forget\">Forget</button></form>");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
        spread.ifPresent(d -> html.append("<p class=\"sub\" id=\"balance\">Balance score <b>")
                .append(String.format(Locale.ROOT, "%.2f", d.balanceScore()))
                .append("</b> (100 − CV % of the logs each UP node owns as primary; ")
                .append(String.format(Locale.ROOT, "%,d logs, %,d stored copies", d.totalLogs(), d.totalStoredCopies()))
                .append(")</p>"));
        html.append("</div></div>");
        repairs(html);
        html.append("<p class=\"sub\">JSON: <a href=\"/api/coordinator/nodes\">/api/coordinator/nodes</a> · "
                        + "<a href=\"/api/coordinator/metrics/distribution\">/api/coordinator/metrics/distribution</a></p>")
                .append("</body></html>");
        return html.toString();
    }

    private static String count(Optional<Long> n) {
        return n.map(v -> String.format(Locale.ROOT, "%,d", v)).orElse("–");
    }

    /** The anti-entropy jobs running now (all of them) and the latest ones, with their progress. */
    private void repairs(StringBuilder html) {
        html.append("<h2>Anti-entropy repairs</h2>");
        Optional<JobList> running = antiEntropy.jobs(JobStatus.RUNNING, RUNNING_SHOWN);
        Optional<JobList> latest = running.isPresent() ? antiEntropy.jobs(null, LATEST_SHOWN) : Optional.empty();
        if (running.isEmpty() || latest.isEmpty()) {
            html.append("<p class=\"sub\" id=\"repairs-unavailable\">The anti-entropy coordinator at ")
                    .append(escape(antiEntropy.url().toString())).append(" did not answer.</p>");
            return;
        }
        Map<JobStatus, Long> counts = latest.get().counts();
        html.append("<div class=\"sub\">").append(Arrays.stream(JobStatus.values())
                .map(s -> counts.getOrDefault(s, 0L) + " " + s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" · "))).append("</div>");
        Map<Long, RepairJob> shown = new LinkedHashMap<>();
        running.get().jobs().forEach(j -> shown.put(j.id(), j));
        latest.get().jobs().forEach(j -> shown.putIfAbsent(j.id(), j));
        html.append("<table id=\"repairs\"><thead><tr><th>Job</th><th>Kind</th><th>Subject</th><th>Reason</th>"
                + "<th>Status</th><th>Attempt</th><th>Partitions compared</th><th>Differing</th>"
                + "<th>Entries streamed</th><th>Entries repaired</th><th>Time</th><th>Worker</th></tr></thead><tbody>");
        for (RepairJob j : shown.values()) {
            JobCounts c = j.counts();
            html.append("<tr data-job=\"").append(j.id()).append("\" data-kind=\"").append(j.kind()).append("\" data-subject=\"")
                    .append(escape(j.subject())).append("\" data-status=\"").append(j.status()).append("\">")
                    .append("<td class=\"num\">").append(j.id()).append("</td><td>").append(j.kind()).append("</td><td>")
                    .append(escape(j.subject())).append("</td><td>").append(escape(j.reason())).append("</td>")
                    .append("<td><span class=\"badge job ").append(j.status()).append("\">").append(j.status())
                    .append("</span></td><td class=\"num\">").append(j.attempts()).append("</td>")
                    .append("<td class=\"num\">").append(c.partitionsCompared()).append("</td>")
                    .append("<td class=\"num\">").append(c.partitionsDiffering()).append("</td>")
                    .append("<td class=\"num\">").append(c.entriesStreamed()).append("</td>")
                    .append("<td class=\"num\">").append(c.entriesRepaired()).append("</td>")
                    .append("<td class=\"num\">").append(j.durationMillis() == null ? "–"
                            : String.format(Locale.ROOT, "%.1f s", j.durationMillis() / 1000.0)).append("</td>")
                    .append("<td>").append(j.claimedBy() == null ? "–" : escape(j.claimedBy())).append("</td></tr>");
        }
        html.append("</tbody></table><p class=\"sub\">Counts of a running job are saved every third of its lease. "
                + "All jobs: <a href=\"").append(escape(antiEntropy.url().toString()))
                .append("/api/coordinator/jobs\">the jobs API</a></p>");
    }

    /** The form's CSRF token (the browser posts Forget with its remembered credentials); none with security off. */
    private static String csrfField(CsrfToken csrf) {
        return csrf == null ? "" : "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName())
                + "\" value=\"" + escape(csrf.getToken()) + "\">";
    }

    @PostMapping(path = "/ring/forget", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Void> forget(@RequestParam String node) {
        String message;
        try {
            controller.forgetNode(node);
            message = node + " was forgotten";
        } catch (RuntimeException e) {
            message = "Could not forget " + node + ": " + e.getMessage();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/ring?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8)))
                .build();
    }

    /** An SVG donut: each token range (previous token, token] drawn in its owner's colour. */
    private static void donut(StringBuilder html, Ring ring, List<String> colourOrder) {
        double cx = 160;
        double cy = 160;
        double outer = 150;
        double inner = 95;
        html.append("<svg id=\"ring\" width=\"320\" height=\"320\" viewBox=\"0 0 320 320\" role=\"img\" aria-label=\"token ranges by owner\">");
        if (ring.isEmpty()) {
            html.append("<circle cx=\"160\" cy=\"160\" r=\"122\" fill=\"none\" stroke=\"#ccc\" stroke-width=\"55\"/>")
                    .append("<text x=\"160\" y=\"165\" text-anchor=\"middle\" fill=\"#888\">no nodes up</text></svg>");
            return;
        }
        int n = ring.tokenCount();
        for (int i = 0; i < n; i++) {
            long end = ring.tokenAt(i);
            long start = end - ring.rangeSizeAt(i);
            double a0 = 2 * Math.PI * start / Token.SPACE - Math.PI / 2;
            double a1 = 2 * Math.PI * end / Token.SPACE - Math.PI / 2;
            int large = a1 - a0 > Math.PI ? 1 : 0;
            String colour = PALETTE[Math.max(0, colourOrder.indexOf(ring.ownerAt(i))) % PALETTE.length];
            html.append(String.format(Locale.ROOT,
                    "<path d=\"M%.2f %.2fA%.1f %.1f 0 %d 1 %.2f %.2fL%.2f %.2fA%.1f %.1f 0 %d 0 %.2f %.2fZ\" fill=\"%s\"><title>%s</title></path>",
                    cx + outer * Math.cos(a0), cy + outer * Math.sin(a0), outer, outer, large,
                    cx + outer * Math.cos(a1), cy + outer * Math.sin(a1),
                    cx + inner * Math.cos(a1), cy + inner * Math.sin(a1), inner, inner, large,
                    cx + inner * Math.cos(a0), cy + inner * Math.sin(a0), colour, escape(ring.ownerAt(i))));
        }
        html.append("<text x=\"160\" y=\"158\" text-anchor=\"middle\" font-size=\"22\" fill=\"#333\">")
                .append(ring.nodeCount()).append(" nodes</text><text x=\"160\" y=\"180\" text-anchor=\"middle\" fill=\"#777\">")
                .append(n).append(" tokens</text></svg>");
    }

    private static String escape(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
