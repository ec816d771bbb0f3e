package org.attune.core.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What a training produced and a server serves: the scorer and the product ids its indexes
 * stand for. Saved as one artifact file per model version ({@link #save}, {@link #load}):
 * a header, the product ids, then the scorer's tag and arrays in its kind's
 * {@link ScorerFormat}. Immutable.
 *
 * @param method what was trained, in words (e.g. {@code ease lambda=500})
 * @param productIds the product id of each index the scorer uses
 * @param scorer the trained scorer
 */
public record TrainedModel(String method, String[] productIds, ItemScorer scorer) {
    private static final String MAGIC = "attune-model";
    private static final int FORMAT = 1;

    public TrainedModel {
        if (productIds.length != scorer.itemCount()) {
            throw new IllegalArgumentException("the scorer has " + scorer.itemCount() + " products but "
                    + productIds.length + " ids were given");
        }
    }

    /**
     * Writes the artifact to a temporary file, forces it to disk and renames it into place. Returns its size.
     *
     * @param kinds the kinds, whose scorer formats write the scorer
     */
    public long save(Path file, ModelKinds kinds) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temporary);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(method);
            ArtifactCodec.writeStrings(out, productIds);
            kinds.write(out, scorer);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(file);
    }

    /** Reads an artifact written by {@link #save}, its scorer by the tag's format among {@code kinds}. */
    public static TrainedModel load(Path file, ModelKinds kinds) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new IOException(file + " is not a model artifact of this version");
            }
            String method = in.readUTF();
            String[] productIds = ArtifactCodec.readStrings(in);
            ItemScorer scorer = kinds.read(in);
            return new TrainedModel(method, productIds, scorer);
        }
    }
}
