package com.logprocessor.antientropy.repair;

import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Several nodes' partition listings merged by key: each call to {@link #next()} answers one
 * partition key and what every node that holds it says about it. Nodes list in byte order (the
 * {@code "C"} collation), which for UTF-8 is code point order, so the merge compares code points.
 * The next page of each node is fetched while the current one is consumed.
 */
final class MergedListing {

    /** One partition key and each holder's summary (nodes that do not hold it are absent). */
    record Partition(String key, Map<String, PartitionSummary> holders) {
    }

    private final List<Cursor> cursors = new ArrayList<>();

    /**
     * @param pages each node's listing: the page after a key ({@code null}: the first page)
     */
    MergedListing(Map<String, Function<String, CompletableFuture<PartitionPage>>> pages) {
        pages.forEach((node, pagesOfNode) -> cursors.add(new Cursor(node, pagesOfNode)));
        cursors.forEach(Cursor::load);
    }

    /** The next partition in key order, or null when every listing is exhausted. */
    Partition next() {
        String min = null;
        for (Cursor c : cursors) {
            String head = c.head();
            if (head != null && (min == null || compareCodePoints(head, min) < 0)) {
                min = head;
            }
        }
        if (min == null) {
            return null;
        }
        Map<String, PartitionSummary> holders = new LinkedHashMap<>();
        for (Cursor c : cursors) {
            if (min.equals(c.head())) {
                holders.put(c.node, c.take());
            }
        }
        return new Partition(min, holders);
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static final class Cursor {
        final String node;
        final Function<String, CompletableFuture<PartitionPage>> pages;
        List<PartitionSummary> page = List.of();
        int index;
        CompletableFuture<PartitionPage> nextPage;

        Cursor(String node, Function<String, CompletableFuture<PartitionPage>> pages) {
            this.node = node;
            this.pages = pages;
            this.nextPage = pages.apply(null);
        }

        void load() {
            PartitionPage p;
            try {
                p = nextPage.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("could not list the partitions of " + node + ": "
                        + (e.getCause() == null ? e : e.getCause()).getMessage(), e.getCause());
            }
            page = p.partitions();
            index = 0;
            nextPage = p.next() == null ? null : pages.apply(p.next());
        }

        String head() {
            while (index >= page.size() && nextPage != null) {
                load();
            }
            return index < page.size() ? page.get(index).partitionKey() : null;
        }

        PartitionSummary take() {
            return page.get(index++);
        }
    }
}
