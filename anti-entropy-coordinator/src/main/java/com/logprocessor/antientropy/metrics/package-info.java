/** The anti-entropy coordinator's metrics: jobs, cycles, divergence found and healed. */
package com.logprocessor.antientropy.metrics;
