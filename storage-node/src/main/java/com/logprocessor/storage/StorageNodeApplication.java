package com.logprocessor.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stores entries in its own PostgreSQL database, serves reads and repair ranges, heartbeats into Redis. */
@SpringBootApplication
public class StorageNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorageNodeApplication.class, args);
    }
}
