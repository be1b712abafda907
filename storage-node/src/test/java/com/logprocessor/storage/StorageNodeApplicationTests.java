package com.logprocessor.storage;

import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.testing.ServiceEndpointsContract;

/** The operator contract every service keeps, on a real PostgreSQL. */
@StorageNodeTest
class StorageNodeApplicationTests extends ServiceEndpointsContract {
}
