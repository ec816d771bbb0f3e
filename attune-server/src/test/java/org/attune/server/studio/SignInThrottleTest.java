package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sign-in throttle's bounds and delays, on the real class with instants given by the test. */
class SignInThrottleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void failuresFromEverMoreAddressesAndNamesNeverGrowItPastItsBound() {
        SignInThrottle throttle = new SignInThrottle();
        for (int i = 0; i < 3 * SignInThrottle.MAX_TRACKED; i++) {
            throttle.admit("10.0." + (i / 250) + "." + (i % 250), "name-" + i, NOW);
        }
        assertThat(throttle.size()).isEqualTo(SignInThrottle.MAX_TRACKED);
    }

    @Test
    void anAddressThatKeepsTryingIsNotForgottenWhileOthersFillTheTable() {
        SignInThrottle throttle = new SignInThrottle();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            assertThat(throttle.admit("192.0.2.1", null, NOW)).isZero();
        }
        for (int i = 0; i < 2 * SignInThrottle.MAX_TRACKED; i++) {
            throttle.admit("10.0." + (i / 250) + "." + (i % 250), "name-" + i, NOW);
            if (i % 1_000 == 0) {
                assertThat(throttle.admit("192.0.2.1", null, NOW)).as("still waiting").isPositive();
            }
        }
        assertThat(throttle.admit("192.0.2.1", null, NOW)).isEqualTo(SignInThrottle.FIRST_DELAY);
    }

    @Test
    void parallelAttemptsAreAdmittedNoFurtherThanTheFreeFailures() throws Exception {
        SignInThrottle throttle = new SignInThrottle();
        int threads = 40;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread attempt = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (throttle.admit("192.0.2.1", "mira", NOW).isZero()) {
                    admitted.incrementAndGet();
                }
            });
            attempt.start();
            attempts.add(attempt);
        }
        go.countDown();
        for (Thread attempt : attempts) {
            attempt.join();
        }
        assertThat(admitted).hasValue(SignInThrottle.FREE_FAILURES_PER_NAME);
    }

    @Test
    void eachFailureBeyondTheFreeOnesDoublesTheWaitUpToTheLongest() {
        SignInThrottle throttle = new SignInThrottle();
        Instant at = NOW;
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            assertThat(throttle.admit("192.0.2.1", "mira", at)).isZero();
        }
        for (int beyond = 0; beyond < 12; beyond++) {
            Duration wait = throttle.admit("192.0.2.1", "mira", at);
            assertThat(wait).isEqualTo(SignInThrottle.delayAfter(beyond));
            at = at.plus(wait);
            assertThat(throttle.admit("192.0.2.1", "mira", at)).isZero();
        }
        assertThat(SignInThrottle.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.delayAfter(11)).isEqualTo(SignInThrottle.LONGEST_DELAY);
        assertThat(SignInThrottle.delayAfter(200)).isEqualTo(SignInThrottle.LONGEST_DELAY);
        assertThat(throttle.admit("198.51.100.7", "mira", at)).as("another address is free").isZero();
        assertThat(throttle.admit("192.0.2.1", "mira", at.plus(SignInThrottle.FORGET_AFTER)))
                .as("forgotten after a quiet hour").isZero();
    }

    @Test
    void aSuccessForgetsTheNamesFailures() {
        SignInThrottle throttle = new SignInThrottle();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            throttle.admit("192.0.2.1", "mira", NOW);
        }
        assertThat(throttle.admit("192.0.2.1", "mira", NOW)).isPositive();

        throttle.succeeded("192.0.2.1", "mira");
        assertThat(throttle.admit("192.0.2.1", "mira", NOW)).isZero();
    }
}
