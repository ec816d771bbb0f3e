package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How one type of scorer is kept in a model artifact ({@link TrainedModel#save}): the tag
 * written before it, and how its arrays are written and read back (with {@link ArtifactCodec}).
 * A tag names a file format that stored artifacts use, so it is never changed or reused; tags
 * are unique among all kinds ({@link ModelKinds} refuses a second). Immutable.
 *
 * @param tag the name written before the scorer
 * @param type the scorer's class (exactly: a subclass has a format of its own)
 * @param writer writes a scorer of the type
 * @param reader reads what {@code writer} wrote
 */
public record ScorerFormat<S extends ItemScorer>(String tag, Class<S> type, Writer<S> writer, Reader<S> reader) {

    /** Writes and reads any scorer with its tag; what a scorer made of other scorers keeps them with. */
    public interface Nested {
        void write(DataOutputStream out, ItemScorer scorer) throws IOException;

        ItemScorer read(DataInputStream in) throws IOException;
    }

    /** Writes one scorer's data (not its tag). */
    @FunctionalInterface
    public interface Writer<S> {
        void write(S scorer, DataOutputStream out, Nested nested) throws IOException;
    }

    /** Reads one scorer's data (its tag already read). */
    @FunctionalInterface
    public interface Reader<S> {
        S read(DataInputStream in, Nested nested) throws IOException;
    }

    /** A format for a scorer made of arrays only. */
    public static <S extends ItemScorer> ScorerFormat<S> of(String tag, Class<S> type, PlainWriter<S> writer,
                                                           PlainReader<S> reader) {
        return new ScorerFormat<>(tag, type, (scorer, out, nested) -> writer.write(scorer, out),
                (in, nested) -> reader.read(in));
    }

    /** {@link Writer} without nested scorers. */
    @FunctionalInterface
    public interface PlainWriter<S> {
        void write(S scorer, DataOutputStream out) throws IOException;
    }

    /** {@link Reader} without nested scorers. */
    @FunctionalInterface
    public interface PlainReader<S> {
        S read(DataInputStream in) throws IOException;
    }

    /** Writes {@code scorer}, which must be of {@link #type}. */
    void write(ItemScorer scorer, DataOutputStream out, Nested nested) throws IOException {
        writer.write(type.cast(scorer), out, nested);
    }
}
