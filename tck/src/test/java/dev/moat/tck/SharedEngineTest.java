package dev.moat.tck;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes whose scripts share one engine (so parsed sources and compiled code are reused
 * across a class's tests): the engine lives from the class's first test to its last. Test classes run one
 * after another (the suite does not enable JUnit's parallel execution), so one static field serves them all.
 */
abstract class SharedEngineTest {
    static Engine engine;

    @BeforeAll
    static void createEngine() {
        engine = MoatRunner.sharedEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }
}
