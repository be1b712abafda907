/** Requests in: {@code read-repairs} read in batches, duplicates collapsed, offsets committed after the repairs. */
package com.logprocessor.readrepair.intake;
