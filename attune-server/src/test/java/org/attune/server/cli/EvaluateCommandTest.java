package org.attune.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs {@code attune evaluate} on MovieLens 100K and YOOCHOOSE from ../shared/data (present in CI;
 * skipped elsewhere).
 */
class EvaluateCommandTest {
    private static final Path DATA = Path.of("../../shared/data");

    @Test
    void easeBeatsPopularityOnMovieLens100k() {
        Assumptions.assumeTrue(Files.isDirectory(DATA.resolve("ml-100k")), "no ../shared/data/ml-100k here");
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs("--dataset", "ml-100k", "--data", DATA.toString(), "--models",
                "popularity,ease", "--ease-lambda", "300", "--threads", "2");
        List<EvaluateCommand.Row> rows = command.evaluate();

        assertThat(rows).extracting(EvaluateCommand.Row::model).containsExactly("popularity", "ease lambda=300");
        EvaluateCommand.Row popularity = rows.get(0);
        EvaluateCommand.Row ease = rows.get(1);
        assertThat(popularity.at10().lists()).as("every one of the 943 people has a test part").isEqualTo(943);
        assertThat(ease.at10().ndcg()).as("published EASE figures on this protocol are about 0.45")
                .isGreaterThan(0.42).isGreaterThan(popularity.at10().ndcg() * 1.8);
        assertThat(ease.at10().coverage()).isGreaterThan(popularity.at10().coverage());
    }

    @Test
    void sessionModelsPredictTheNextYoochooseClickFarBetterThanPopularity() {
        Assumptions.assumeTrue(Files.isDirectory(DATA.resolve("yoochoose-100k")),
                "no ../shared/data/yoochoose-100k here");
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs("--dataset", "yoochoose-100k", "--data", DATA.toString(), "--protocol",
                "session-next-item", "--models", "popularity,ease,sequential_rules", "--ease-lambda", "200",
                "--threads", "2");
        List<EvaluateCommand.Row> rows = command.evaluate();

        assertThat(rows).extracting(EvaluateCommand.Row::model)
                .containsExactly("popularity", "ease lambda=200", "sequential_rules");
        EvaluateCommand.Row popularity = rows.get(0);
        EvaluateCommand.Row ease = rows.get(1);
        EvaluateCommand.Row rules = rows.get(2);
        assertThat(popularity.at20().lists()).as("13,568 test clicks in 3,416 sessions, each but the first predicted")
                .isEqualTo(13_568 - 3_416);
        assertThat(ease.at20().hitRate()).isGreaterThan(popularity.at20().hitRate() * 3);
        assertThat(rules.at20().hitRate()).as("session-rec reports about 0.6-0.7 on the full RSC15")
                .isGreaterThan(0.6).isGreaterThan(ease.at20().hitRate());
        assertThat(rules.at20().mrr()).isGreaterThan(0.3).isGreaterThan(ease.at20().mrr());
    }

    @Test
    void rp3betaIsEvaluatedAsARegisteredKindWithItsDefaultsOrTheParamsGiven() {
        Assumptions.assumeTrue(Files.isDirectory(DATA.resolve("amazon-musical-instruments-5core")),
                "no ../shared/data/amazon-musical-instruments-5core here");
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs("--dataset", "amazon-musical-instruments", "--data", DATA.toString(),
                "--models", "popularity,rp3beta", "--params", "rp3beta={\"alpha\": 0.5, \"beta\": 0,"
                        + " \"rowWeights\": \"raw\"}", "--threads", "2");
        List<EvaluateCommand.Row> rows = command.evaluate();

        assertThat(rows).extracting(EvaluateCommand.Row::model)
                .containsExactly("popularity", "rp3beta {alpha:0.5,beta:0,rowWeights:raw}");
        assertThat(rows.get(1).at10().ndcg()).as("EASE scores about 0.098 here, popularity 0.057 and rp3beta with"
                + " its defaults 0.034").isGreaterThan(0.09).isGreaterThan(rows.get(0).at10().ndcg());

        EvaluateCommand refused = new EvaluateCommand();
        new CommandLine(refused).parseArgs("--dataset", "amazon-musical-instruments", "--data", DATA.toString(),
                "--models", "rp3beta", "--params", "rp3beta={\"beta\": 3}");
        assertThatThrownBy(refused::evaluate).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--params rp3beta: beta must be a number from 0 to 2 (default 0.65)");
    }

    @Test
    void whatTheServerAnswersScoresAsTheOfflineEvaluationOfTheSameModel() {
        Assumptions.assumeTrue(Files.isDirectory(DATA.resolve("ml-100k")), "no ../shared/data/ml-100k here");
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs("--dataset", "ml-100k", "--data", DATA.toString(), "--models",
                "rp3beta,ease", "--served", "--threads", "2");
        List<EvaluateCommand.Row> rows = command.evaluate();

        assertThat(rows).extracting(EvaluateCommand.Row::model).containsExactly("rp3beta", "rp3beta served",
                "ease lambda=500", "ease lambda=500 served");
        for (int i = 0; i < rows.size(); i += 2) {
            EvaluateCommand.Row offline = rows.get(i);
            EvaluateCommand.Row served = rows.get(i + 1);
            assertThat(served.at10().lists()).as(served.model()).isEqualTo(offline.at10().lists()).isEqualTo(943);
            assertThat(served.at10().ndcg()).as(served.model() + " NDCG@10 against %s", offline.at10().ndcg())
                    .isCloseTo(offline.at10().ndcg(), within(0.005));
            assertThat(served.at20().recall()).as(served.model() + " R@20 against %s", offline.at20().recall())
                    .isCloseTo(offline.at20().recall(), within(0.005));
        }
    }

    @Test
    void stratifiedProtocolWithAlsAndTheCollaborativeKind() {
        Assumptions.assumeTrue(Files.isDirectory(DATA.resolve("ml-100k")), "no ../shared/data/ml-100k here");
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs("--dataset", "ml-100k", "--data", DATA.toString(), "--protocol",
                "stratified", "--models", "popularity,als,collaborative", "--als-factors", "16", "--als-reg", "5",
                "--als-reg-exponent", "0,0.5", "--als-alpha", "10", "--als-iterations", "5", "--threads", "2");
        List<EvaluateCommand.Row> rows = command.evaluate();

        assertThat(rows).extracting(EvaluateCommand.Row::model).containsExactly("popularity",
                "als f=16 reg=5 alpha=10 it=5", "als f=16 reg=5 e=0.5 alpha=10 it=5", "collaborative");
        EvaluateCommand.Row popularity = rows.get(0);
        EvaluateCommand.Row collaborative = rows.get(3);
        assertThat(collaborative.at10().ndcg()).as("the published best on this protocol is 0.4751")
                .isGreaterThan(0.47);
        for (EvaluateCommand.Row row : rows.subList(1, 3)) {
            assertThat(row.at10().ndcg()).as(row.model()).isGreaterThan(popularity.at10().ndcg() * 1.5);
        }
        // about 26 test products per person: dividing by all of them gives the smaller MAP
        assertThat(collaborative.at10().map()).isBetween(0.1, 0.25)
                .isLessThan(collaborative.at10().truncatedMap() / 1.5);
    }
}
