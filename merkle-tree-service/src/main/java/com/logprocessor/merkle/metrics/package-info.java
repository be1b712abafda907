/** The service's meters ({@code merkle_tree_*}), registered at startup. */
package com.logprocessor.merkle.metrics;
