/** One entry's repair: re-read its UP replicas, write the newest copy to stale ones; {@code read-repair.*} settings. */
package com.logprocessor.readrepair.repair;
