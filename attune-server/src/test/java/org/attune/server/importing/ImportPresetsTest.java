package org.attune.server.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.importing.ImportCommandTest.storedEvents;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every preset on a few made-up rows written exactly in its data set's format (separator,
 * header or none, character set, gzip), loaded through a real server.
 */
class ImportPresetsTest {
    @TempDir
    static Path dataDir;
    static RunningServer server;

    @TempDir
    Path files;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private CommandRun importing(String what, String catalog, String preset, Path file) {
        return CommandRun.against(server.url(), RunningServer.ADMIN_KEY, what, "--catalog", catalog, "--preset",
                preset, "--create-catalog", file.toString());
    }

    private Path gzip(String name, String text, Charset charset) throws IOException {
        Path file = files.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(charset));
        }
        return file;
    }

    private Path plain(String name, String text, Charset charset) throws IOException {
        return Files.write(files.resolve(name), text.getBytes(charset));
    }

    private JsonNode product(String catalog, String id) throws Exception {
        AttuneClient.Answer answer = server.admin.get("/v1/catalogs/" + catalog + "/products/" + id);
        assertThat(answer.status()).as(catalog + "/" + id).isEqualTo(200);
        return answer.body().path("attributes");
    }

    private static void assertClean(CommandRun run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }

    @Test
    void movieLens100kRatingsAndItems() throws Exception {
        Path items = gzip("u.item.gz", ""
                + "1|Café Society (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Caf%E9%20Society%20(1995)"
                + "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "2|Made-Up Heist (1996)|4-Feb-1996||http://us.imdb.com/Title?Made+Up Heist (1996)"
                + "|0|1|0|0|0|0|1|0|0|0|0|0|0|0|0|0|1|0|0\n"
                + "3|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n", StandardCharsets.ISO_8859_1);
        CommandRun itemsRun = importing("products", "ml100k", "movielens-100k-items", items);
        assertClean(itemsRun);
        assertThat(itemsRun.stderr()).contains("created catalog 'ml100k'").containsPattern("added +3");
        JsonNode cafe = product("ml100k", "1");
        assertThat(cafe.path("title").asText()).isEqualTo("Café Society (1995)");
        assertThat(cafe.path("released").asText()).isEqualTo("1995-01-01T00:00:00Z");
        assertThat(cafe.path("genres")).extracting(JsonNode::asText).containsExactly("Animation", "Children's",
                "Comedy");
        JsonNode heist = product("ml100k", "2");
        assertThat(heist.path("released").asText()).isEqualTo("1996-02-04T00:00:00Z");
        assertThat(heist.path("url").asText()).isEqualTo("http://us.imdb.com/Title?Made+Up%20Heist%20(1996)");
        assertThat(heist.path("genres")).extracting(JsonNode::asText).containsExactly("Action", "Crime", "Thriller");
        assertThat(product("ml100k", "3").has("url")).isFalse();

        Path ratings = gzip("u.data.gz", "7\t1\t4\t881250949\n7\t2\t2\t881250950\n8\t1\t5\t891717742\n",
                StandardCharsets.US_ASCII);
        CommandRun ratingsRun = importing("events", "ml100k", "movielens-100k-ratings", ratings);
        assertClean(ratingsRun);
        List<JsonNode> events = storedEvents(server, "ml100k");
        assertThat(events).extracting(e -> e.path("eventId").asText())
                .containsExactly("ml100k-7-1", "ml100k-7-2", "ml100k-8-1");
        JsonNode first = events.get(0);
        assertThat(first.path("type").asText()).isEqualTo("rating");
        assertThat(first.path("userId").asText()).isEqualTo("7");
        assertThat(first.path("itemIds")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(first.path("timestamp").asText()).isEqualTo("1997-12-04T15:55:49Z");
        assertThat(first.path("properties").path("rating").asInt()).isEqualTo(4);

        CommandRun again = importing("events", "ml100k", "movielens-100k-ratings", ratings);
        assertThat(again.stderr()).containsPattern("accepted +0").containsPattern("duplicates +3");
        assertThat(storedEvents(server, "ml100k")).hasSize(3);
    }

    @Test
    void movieLens1mRatingsWithoutTimestampsAndMovies() throws Exception {
        Path movies = gzip("movies.dat.gz", "1::Amélie (2001)::Comedy|Romance\n2::Zoë's Film (1999)::Drama\n",
                StandardCharsets.ISO_8859_1);
        assertClean(importing("products", "ml1m", "movielens-1m-movies", movies));
        assertThat(product("ml1m", "1").path("title").asText()).isEqualTo("Amélie (2001)");
        assertThat(product("ml1m", "1").path("genres")).extracting(JsonNode::asText)
                .containsExactly("Comedy", "Romance");
        assertThat(product("ml1m", "2").path("title").asText()).isEqualTo("Zoë's Film (1999)");

        Instant before = Instant.now().minusSeconds(1);
        Path ratings = gzip("ratings_no_timestamp.dat.gz", "1::1::5\n1::2::3\n2::1::4\n", StandardCharsets.US_ASCII);
        CommandRun run = importing("events", "ml1m", "movielens-1m-ratings", ratings);
        assertClean(run);
        List<JsonNode> events = storedEvents(server, "ml1m");
        assertThat(events).extracting(e -> e.path("eventId").asText())
                .containsExactly("ml1m-1-1", "ml1m-1-2", "ml1m-2-1");
        assertThat(events.get(2).path("properties").path("rating").asInt()).isEqualTo(4);
        // No timestamp in the file: the server stamps each event with the time it arrived.
        assertThat(Instant.parse(events.get(0).path("timestamp").asText()))
                .isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    }

    @Test
    void movieLensLatestRatingsTagsAndMovies() throws Exception {
        Path movies = plain("movies.csv", """
                movieId,title,genres
                1,"Made Up, The (1999)",Comedy|Drama
                2,Nothing Listed (2000),(no genres listed)
                """, StandardCharsets.UTF_8);
        assertClean(importing("products", "mll", "movielens-latest-movies", movies));
        assertThat(product("mll", "1").path("title").asText()).isEqualTo("Made Up, The (1999)");
        assertThat(product("mll", "1").path("genres")).extracting(JsonNode::asText).containsExactly("Comedy",
                "Drama");
        assertThat(product("mll", "2").path("genres")).isEmpty();

        Path ratings = gzip("ratings.csv.gz", """
                userId,movieId,rating,timestamp
                1,1,4.0,964982703
                1,2,3.5,964981247
                """, StandardCharsets.UTF_8);
        assertClean(importing("events", "mll", "movielens-latest-ratings", ratings));
        Path tags = gzip("tags.csv.gz", """
                userId,movieId,tag,timestamp
                2,1,funny,1445714994
                2,1,"dark, but quotable",1445714996
                """, StandardCharsets.UTF_8);
        assertClean(importing("events", "mll", "movielens-latest-tags", tags));

        List<JsonNode> events = storedEvents(server, "mll");
        assertThat(events).extracting(e -> e.path("eventId").asText()).containsExactly("mll-1-1", "mll-1-2",
                "mllt-2-1-funny", "mllt-2-1-dark, but quotable");
        assertThat(events.get(1).path("properties").path("rating").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(events.get(0).path("timestamp").asText()).isEqualTo("2000-07-30T18:45:03Z");
        assertThat(events.get(3).path("type").asText()).isEqualTo("tag");
        assertThat(events.get(3).path("properties").path("tag").asText()).isEqualTo("dark, but quotable");
    }

    @Test
    void onlineRetailPurchasesReturnsAndProducts() throws Exception {
        Path retail = gzip("online_retail.csv.gz", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536901,85001A,RED PAPER LANTERN ,6,2010-12-01 08:26:00,2.55,17001.0,United Kingdom
                536901,85001A,RED PAPER LANTERN ,6,2010-12-01 08:26:00,2.55,17001.0,United Kingdom
                536902,22001,"TIN SIGN, BLUE",2,2011-07-01 10:00:00,1.25,,United Kingdom
                536903,22002,,5,2011-07-01 10:05:00,0.0,,United Kingdom
                C536904,85001A,RED PAPER LANTERN,-1,2011-07-02 09:30:00,2.10,17001.0,France
                """, StandardCharsets.UTF_8);

        CommandRun purchases = importing("events", "retail", "online-retail-purchases", retail);
        assertClean(purchases);
        assertThat(purchases.stderr()).contains("5 records read").containsPattern("accepted +3")
                .contains("CustomerID is empty 2");
        List<JsonNode> events = storedEvents(server, "retail");
        assertThat(events).extracting(e -> e.path("eventId").asText())
                .containsExactly("or-536901-85001A-2", "or-536901-85001A-3", "or-C536904-85001A-6");
        JsonNode purchase = events.get(0);
        assertThat(purchase.path("type").asText()).isEqualTo("purchase");
        assertThat(purchase.path("userId").asText()).isEqualTo("17001");
        assertThat(purchase.path("itemIds")).extracting(JsonNode::asText).containsExactly("85001A");
        assertThat(purchase.path("timestamp").asText()).isEqualTo("2010-12-01T08:26:00Z");
        assertThat(purchase.path("properties").path("quantity").asInt()).isEqualTo(6);
        assertThat(purchase.path("properties").path("unitPrice").decimalValue()).isEqualByComparingTo("2.55");
        assertThat(purchase.path("properties").path("invoiceNo").asText()).isEqualTo("536901");
        assertThat(purchase.path("properties").path("country").asText()).isEqualTo("United Kingdom");
        JsonNode cancellation = events.get(2);
        assertThat(cancellation.path("type").asText()).isEqualTo("return");
        assertThat(cancellation.path("properties").path("quantity").asInt()).isEqualTo(-1);
        // London is on summer time in July: 09:30 local is 08:30 UTC.
        assertThat(cancellation.path("timestamp").asText()).isEqualTo("2011-07-02T08:30:00Z");

        CommandRun products = importing("products", "retail", "online-retail-products", retail);
        assertClean(products);
        assertThat(products.stderr()).containsPattern("added +2").containsPattern("repeated ids +2")
                .contains("Description is empty 1");
        JsonNode lantern = product("retail", "85001A");
        assertThat(lantern.path("title").asText()).isEqualTo("RED PAPER LANTERN");
        assertThat(lantern.path("price").decimalValue()).isEqualByComparingTo("2.10");
        assertThat(product("retail", "22001").path("title").asText()).isEqualTo("TIN SIGN, BLUE");
        assertThat(server.admin.get("/v1/catalogs/retail/products/22002").status()).isEqualTo(404);
    }

    @Test
    void amazonRatings() throws Exception {
        Path ratings = gzip("ratings.csv.gz", """
                reviewerID,asin,rating,unixReviewTime
                A1MADEUPREVIEW,0000000001,5,1393545600
                A2MADEUPREVIEW,0000000001,3,1363392000
                """, StandardCharsets.UTF_8);
        assertClean(importing("events", "amazon", "amazon-ratings", ratings));
        List<JsonNode> events = storedEvents(server, "amazon");
        assertThat(events).extracting(e -> e.path("eventId").asText())
                .containsExactly("az-A1MADEUPREVIEW-0000000001", "az-A2MADEUPREVIEW-0000000001");
        assertThat(events.get(0).path("itemIds")).extracting(JsonNode::asText).containsExactly("0000000001");
        assertThat(events.get(0).path("timestamp").asText()).isEqualTo("2014-02-28T00:00:00Z");
        assertThat(events.get(1).path("properties").path("rating").asInt()).isEqualTo(3);
    }

    @Test
    void yoochooseClicks() throws Exception {
        Path clicks = gzip("train_full.tsv.gz", "SessionId\tItemId\tTime\n"
                + "3\t214716935\t1396437466.94\n"
                + "3\t214832672\t1396438212.318\n"
                + "3\t214832672\t1396438212.318\n", StandardCharsets.UTF_8);
        CommandRun run = importing("events", "yc", "yoochoose-clicks", clicks);
        assertClean(run);
        assertThat(run.stderr()).containsPattern("accepted +2").containsPattern("duplicates +1");
        List<JsonNode> events = storedEvents(server, "yc");
        JsonNode click = events.get(0);
        assertThat(click.path("eventId").asText()).isEqualTo("yc-3-214716935-1396437466.94");
        assertThat(click.path("type").asText()).isEqualTo("click");
        assertThat(click.path("anonymousId").asText()).isEqualTo("s-3");
        assertThat(click.path("userId").isNull()).isTrue();
        assertThat(click.path("timestamp").asText()).isEqualTo("2014-04-02T11:17:46.940Z");
        assertThat(click.path("properties").path("sessionId").asText()).isEqualTo("3");
    }

    @Test
    void taobaoBehavior() throws Exception {
        Path behavior = gzip("user_behavior_window.csv.gz", """
                1001,2001,3001,pv,1511658000
                1001,2001,3001,cart,1511658060
                1002,2002,3002,fav,1511658120
                1002,2003,3002,buy,1511658180
                """, StandardCharsets.UTF_8);
        assertClean(importing("events", "taobao", "taobao-behavior", behavior));
        List<JsonNode> events = storedEvents(server, "taobao");
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("view", "add_to_cart", "favorite", "purchase");
        assertThat(events.get(0).path("eventId").asText()).isEqualTo("tb-1001-2001-pv-1511658000");
        assertThat(events.get(0).path("timestamp").asText()).isEqualTo("2017-11-26T01:00:00Z");
        assertThat(events.get(3).path("properties").path("categoryId").asText()).isEqualTo("3002");
        assertThat(events.get(3).path("userId").asText()).isEqualTo("1002");
    }
}
