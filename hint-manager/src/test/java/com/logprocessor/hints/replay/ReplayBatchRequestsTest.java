package com.logprocessor.hints.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.hints.store.ClaimedHint;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A claimed batch of large entries goes out in several requests, in order, none over the size cap. */
class ReplayBatchRequestsTest {

    @Test
    void aBatchIsCutIntoRequestsUnderTheCapKeepingItsOrder() {
        // Each entry costs 4 + 96 = 100 bytes in a batch body, after a 5-byte header.
        List<ClaimedHint> batch = IntStream.range(0, 10)
                .mapToObj(i -> new ClaimedHint(i, UUID.randomUUID(), 0, new byte[96])).toList();

        List<List<ClaimedHint>> requests = ReplayBatch.requests(batch, 305);

        assertThat(requests).extracting(List::size).containsExactly(3, 3, 3, 1);
        assertThat(requests.stream().flatMap(List::stream).toList()).isEqualTo(batch);
        assertThat(ReplayBatch.requests(batch, 10_000)).singleElement().isEqualTo(batch);
        assertThat(ReplayBatch.requests(batch.subList(0, 2), 50)).extracting(List::size).containsExactly(1, 1);
    }
}
