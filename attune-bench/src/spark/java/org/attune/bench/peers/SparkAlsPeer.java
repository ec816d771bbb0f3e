package org.attune.bench.peers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attune.core.model.Interactions;
import org.slf4j.LoggerFactory;

/**
 * Apache Spark MLlib's ALS for implicit feedback, trained on one training set. The training
 * interactions become Spark's "ratings" once (person index, product index, the interaction's
 * value, the same values our models read), cached, so that each fit measures ALS alone. The
 * learned vectors are copied out into a {@link FactorModel} for our evaluation. Not
 * thread-safe; close it to release the cached input.
 */
public final class SparkAlsPeer implements AutoCloseable {
    private final Dataset<Row> ratings;
    private final int people;
    private final int items;
    private final long seed;

    /**
     * @param spark the session the fits run in
     * @param train the training interactions (their person and product indexes become Spark's ids)
     * @param seed the seed of ALS's random initial vectors
     */
    public SparkAlsPeer(SparkSession spark, Interactions train, long seed) {
        StructType schema = new StructType()
                .add("person", DataTypes.IntegerType, false)
                .add("item", DataTypes.IntegerType, false)
                .add("value", DataTypes.FloatType, false);
        List<Row> rows = new ArrayList<>(train.size());
        for (int p = 0; p < train.personCount(); p++) {
            for (int i = train.start(p); i < train.end(p); i++) {
                rows.add(RowFactory.create(p, train.item(i), train.value(i)));
            }
        }
        this.ratings = spark.createDataFrame(rows, schema).cache();
        this.ratings.count();
        this.people = train.personCount();
        this.items = train.itemCount();
        this.seed = seed;
    }

    /**
     * A local Spark session using {@code master} (e.g. {@code local[*]}), without its web UI.
     * Spark's own log lines go down to errors: it logs every job at INFO and warns about things
     * that do not matter here (the host name resolving to loopback, the size of tasks that carry
     * the in-memory input). The BLAS library's warnings stay: they say which implementation ALS
     * runs on.
     */
    public static SparkSession localSession(String master) {
        for (String noisy : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject"}) {
            if (LoggerFactory.getLogger(noisy) instanceof Logger logger) {
                logger.setLevel(Level.ERROR);
            }
        }
        return SparkSession.builder()
                .appName("attune-peers")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** Fits ALS with {@code params} and copies the learned vectors out. */
    public FactorModel fit(SparkAlsParams params) {
        ALSModel model = new ALS()
                .setImplicitPrefs(true)
                .setRank(params.rank())
                .setRegParam(params.regParam())
                .setAlpha(params.alpha())
                .setMaxIter(params.iterations())
                .setSeed(seed)
                .setUserCol("person")
                .setItemCol("item")
                .setRatingCol("value")
                .fit(ratings);
        return new FactorModel(params.rank(), copy(model.userFactors(), people, params.rank()),
                copy(model.itemFactors(), items, params.rank()));
    }

    /** Spark's (id, features) rows as one array, vector i at i x rank; ids without a row stay zero. */
    private static float[] copy(Dataset<Row> factors, int count, int rank) {
        float[] out = new float[count * rank];
        for (Row row : factors.collectAsList()) {
            int id = row.getInt(0);
            List<Float> vector = row.getList(1);
            for (int f = 0; f < rank; f++) {
                out[id * rank + f] = vector.get(f);
            }
        }
        return out;
    }

    @Override
    public void close() {
        ratings.unpersist();
    }
}
