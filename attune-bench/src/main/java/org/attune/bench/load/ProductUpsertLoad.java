package org.attune.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.attune.core.json.Json;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Bulk product upsert: one PUT of N new products, then one PUT changing every price. */
@Command(name = "products", mixinStandardHelpOptions = true, description = "Bulk product upsert throughput.")
public final class ProductUpsertLoad implements Callable<Integer> {
    @Option(names = "--server-jar", defaultValue = "attune-server/target/attune-server.jar")
    Path serverJar;

    @Option(names = "--products", defaultValue = "100000")
    int products;

    @Option(names = "--server-heap", defaultValue = "4g")
    String serverHeap;

    @Option(names = "--server-jvm-arg", description = "Extra JVM argument for the server (repeatable)")
    java.util.List<String> serverJvmArgs = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("attune-bench-products");
        ShopGenerator generator = new ShopGenerator(ShopSpec.demo().withProducts(products).withShoppers(10));
        List<ObjectNode> items = generator.products();
        try (ServerProcess server = ServerProcess.start(serverJar, dir.resolve("data"), serverHeap, serverJvmArgs)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            IngestLoad.post(http, server, "/v1/catalogs", "application/json",
                    Json.MAPPER.writeValueAsBytes(generator.catalogDefinition()));
            // Warm-up on another catalog so that the measured requests run compiled code.
            ShopGenerator warmup = new ShopGenerator(ShopSpec.demo().withCatalogId("warmup").withProducts(30_000)
                    .withShoppers(10));
            IngestLoad.post(http, server, "/v1/catalogs", "application/json",
                    Json.MAPPER.writeValueAsBytes(warmup.catalogDefinition()));
            List<ObjectNode> warmupItems = warmup.products();
            for (int round = 0; round < 3; round++) {
                for (ObjectNode item : warmupItems) {
                    item.put("price", item.path("price").decimalValue().add(BigDecimal.ONE));
                }
                put(http, server, "warmup", ndjson(warmupItems));
            }
            String catalog = generator.spec().catalogId();
            byte[] created = ndjson(items);
            double insert = put(http, server, catalog, created);
            for (ObjectNode item : items) {
                item.put("price", item.path("price").decimalValue().add(BigDecimal.ONE));
            }
            double update = put(http, server, catalog, ndjson(items));
            long[] memory = server.residentMemoryMiB();
            System.out.printf("products: one PUT of %,d products (%.1f MiB NDJSON), after 3 warm-up PUTs of %,d%n",
                    items.size(), created.length / 1048576.0, warmupItems.size());
            System.out.printf("  insert  %.2f s = %,.0f products/s%n", insert, items.size() / insert);
            System.out.printf("  update  %.2f s = %,.0f products/s (every price changed)%n", update,
                    items.size() / update);
            System.out.printf("  server RSS %d MiB (peak %d MiB)%n", memory[0], memory[1]);
        }
        return 0;
    }

    private static double put(HttpClient http, ServerProcess server, String catalog, byte[] body) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/v1/catalogs/" + catalog + "/products"))
                .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY)
                .header("Content-Type", "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (response.statusCode() != 200 || Json.MAPPER.readTree(response.body()).path("rejected").size() > 0) {
            throw new IllegalStateException("upsert answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return seconds;
    }

    private static byte[] ndjson(List<ObjectNode> items) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 400);
        for (ObjectNode item : items) {
            out.write(Json.MAPPER.writeValueAsBytes(item));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
