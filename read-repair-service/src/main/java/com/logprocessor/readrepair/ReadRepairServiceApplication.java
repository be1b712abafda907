package com.logprocessor.readrepair;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Consumes read-repair requests and writes the newest version to stale replicas. */
@SpringBootApplication
public class ReadRepairServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReadRepairServiceApplication.class, args);
    }
}
