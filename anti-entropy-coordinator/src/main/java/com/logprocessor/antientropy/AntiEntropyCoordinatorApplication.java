package com.logprocessor.antientropy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Schedules and runs replica reconciliation jobs. */
@SpringBootApplication
public class AntiEntropyCoordinatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(AntiEntropyCoordinatorApplication.class, args);
    }
}
