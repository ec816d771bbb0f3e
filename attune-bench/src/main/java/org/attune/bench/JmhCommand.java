package org.attune.bench;

import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the JMH benchmarks in {@code org.attune.bench.jmh}. */
@Command(name = "jmh", mixinStandardHelpOptions = true, description = "Run JMH benchmarks (hot loops).")
final class JmhCommand implements Callable<Integer> {
    @Option(names = "--include", defaultValue = "org.attune.bench.jmh.*", description = "Benchmark regex")
    String include;

    @Option(names = "--forks", defaultValue = "1")
    int forks;

    @Option(names = "--iterations", defaultValue = "5")
    int iterations;

    @Override
    public Integer call() throws Exception {
        new Runner(new OptionsBuilder().include(include).forks(forks)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(2))
                .build()).run();
        return 0;
    }
}
