package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.attune.server.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web tag page: an admin makes a browser key, the snippet carries it and the chosen placements. */
class StudioWebTagTest {
    private static final String ADMIN = "ada";

    @TempDir
    Path dataDir;
    StudioShop shop;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void anAdminMakesABrowserKeyAndCopiesTheSnippetThatUsesIt() throws Exception {
        shop = StudioShop.start(dataDir);
        shop.send("POST", "/v1/accounts", "application/json", "{\"name\": \"" + ADMIN + "\", \"role\": \"admin\","
                + " \"password\": \"" + StudioShop.PASSWORD + "\"}");
        shop.send("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
        shop.send("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                "{\"name\": \"Home\", \"items\": 4, \"strategy\": \"popular\"}");
        shop.send("PUT", "/v1/catalogs/shop/placements/mail", "application/json",
                "{\"name\": \"Mail\", \"channel\": \"email\", \"items\": 4, \"strategy\": \"popular\"}");

        try (Browser editor = new Browser(shop.url(), 1280, 1000)) {
            editor.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            editor.open("/studio");
            editor.clickAndLoad("#catalog-shop a.web-link");
            assertThat(editor.path()).isEqualTo("/studio/catalogs/shop/web");
            assertThat(editor.all("#new-key")).as("only admins make keys").isEmpty();
            assertThat(editor.find("#no-keys").getText()).contains("An admin makes them");
            assertThat(editor.find("#snippet").getText()).contains("data-key=\"atk_…\"")
                    .contains("data-attune-placement=\"home\"").doesNotContain("\"mail\"");
        }
        try (Browser admin = new Browser(shop.url(), 1280, 1000)) {
            admin.signIn(ADMIN, StudioShop.PASSWORD);
            admin.open("/studio/catalogs/shop/web");
            admin.find("#key-origins").clear();
            admin.find("#key-origins").sendKeys("https://shop.example.com\nhttps://*.shop.example.com");
            admin.clickAndLoad("#make-key");
            assertThat(admin.find("#created-key").getText()).contains("not shown again");
            String snippet = admin.find("#snippet").getText();
            assertThat(snippet).contains(shop.url() + "/sdk/attune.js").contains("data-catalog=\"shop\"")
                    .contains("<div data-attune-placement=\"home\"></div>");
            String secret = snippet.replaceAll("(?s).*data-key=\"(atk_[^\"]+)\".*", "$1");
            assertThat(secret).startsWith("atk_").hasSizeGreaterThan(20);
            assertThat(admin.find("#browser-keys tbody").getText()).contains("shop pages")
                    .contains("https://shop.example.com, https://*.shop.example.com");

            admin.find("#snippet-layout").sendKeys("grid");
            admin.find("#snippet-consent").click();
            assertThat(admin.find("#snippet").getText()).contains("data-attune-layout=\"grid\"")
                    .contains("data-consent=\"pending\"").contains("attune(\"consent\", \"in\")");
            admin.screenshot("studio-web-tag");

            HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(shop.url()
                    + "/v1/events?key=" + secret)).header("Origin", "https://www.shop.example.com")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"view\",\"anonymousId\":\"a-1\","
                            + "\"catalog\":\"shop\",\"itemId\":\"boot-1\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as("the key works from a page of its origins: %s", sent.body())
                    .isEqualTo(200);
        }
    }
}
