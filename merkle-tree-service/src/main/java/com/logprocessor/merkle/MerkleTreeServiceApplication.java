package com.logprocessor.merkle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Builds and compares Merkle trees of partitions from segment digests. */
@SpringBootApplication
public class MerkleTreeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MerkleTreeServiceApplication.class, args);
    }
}
