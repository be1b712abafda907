package com.logprocessor.hints;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Stores hints for unreachable replicas and replays them when the node is back. */
@SpringBootApplication
@EnableScheduling
public class HintManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(HintManagerApplication.class, args);
    }
}
