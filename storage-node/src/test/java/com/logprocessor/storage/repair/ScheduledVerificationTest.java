package com.logprocessor.storage.repair;

import static com.logprocessor.storage.testing.Entries.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.storage.membership.StorageNodeProperties;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.antientropy.AntiEntropyClient;
import com.logprocessor.support.antientropy.AntiEntropyClientProperties;
import com.logprocessor.support.testing.FakeAntiEntropy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scheduled verification that corrects a partition's digests asks the anti-entropy coordinator
 * (here {@link FakeAntiEntropy}) to compare that partition again: until then its wrong digests hid
 * the damage from anti-entropy.
 */
@StorageNodeTest
class ScheduledVerificationTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DigestVerifier verifier;

    private ScheduledVerification scheduled() {
        return new ScheduledVerification(verifier, new DigestVerificationProperties(true, Duration.ofHours(1), true),
                new AntiEntropyClient(new AntiEntropyClientProperties(FakeAntiEntropy.url(), Duration.ofSeconds(2), true), json,
                        com.logprocessor.support.security.InternalToken.NONE),
                new StorageNodeProperties("storage-node-test", null));
    }

    @Test
    void aPartitionWhoseDigestsWereCorrectedIsComparedAgain() {
        String damaged = "verify-" + UUID.randomUUID().toString().substring(0, 8);
        String intact = damaged + "-intact";
        StorageHttp http = new StorageHttp(port, json);
        http.storeBatch(range(damaged, 1, 20)).expect(200);
        http.storeBatch(range(intact, 1, 20)).expect(200);
        assertThat(jdbc.update("DELETE FROM log_entries WHERE partition_key = ? AND sequence = 7", damaged)).isEqualTo(1);

        scheduled().verify().join();

        assertThat(FakeAntiEntropy.requests()).contains("POST /api/coordinator/trigger?partitionKey=" + damaged
                + "&reason=digests-corrected");
        assertThat(FakeAntiEntropy.requests()).noneMatch(r -> r.contains(intact));

        // Corrected now: the next verification finds nothing to ask for.
        int asked = FakeAntiEntropy.requests().size();
        scheduled().verify().join();
        assertThat(FakeAntiEntropy.requests().subList(asked, FakeAntiEntropy.requests().size()))
                .noneMatch(r -> r.contains(damaged));
    }
}
