package com.logprocessor.coordinator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Consumes logs.ingest, owns the ring view, replicates entries with tunable consistency. */
@SpringBootApplication
public class StorageCoordinatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorageCoordinatorApplication.class, args);
    }
}
