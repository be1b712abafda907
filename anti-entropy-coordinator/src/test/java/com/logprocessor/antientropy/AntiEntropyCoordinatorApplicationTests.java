package com.logprocessor.antientropy;

import com.logprocessor.antientropy.testing.AntiEntropyTest;
import com.logprocessor.support.testing.ServiceEndpointsContract;

@AntiEntropyTest
class AntiEntropyCoordinatorApplicationTests extends ServiceEndpointsContract {
}
