package com.logprocessor.merkle;

import com.logprocessor.merkle.testing.MerkleServiceTest;
import com.logprocessor.support.testing.ServiceEndpointsContract;
import org.springframework.test.context.TestPropertySource;

/** The operator contract every service keeps, with a real Redis. */
@MerkleServiceTest
@TestPropertySource(properties = {"ring.key-prefix=ring-merkle-contract", "merkle.cache.key-prefix=merkle-contract"})
class MerkleTreeServiceApplicationTests extends ServiceEndpointsContract {
}
