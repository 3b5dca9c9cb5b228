package org.bankcrm.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bankcrm.launcher.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console in a real browser (headless Chromium, Debian's chromium and chromium-driver) against a whole CRM started
 * by the launcher on free ports: a channel user signs in, finds a client, sees the 360, records a bank-caused complaint
 * and watches the next best actions turn to service recovery, asks for a decision to present and declines an offer;
 * then the Russian texts and an analyst's 403 page; the analyst's analytical CRM and CX monitor, marketing's offer
 * catalogue, each checked against what the services answer. Screenshots of each page go to {@code target/screenshots}.
 */
class ConsoleBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration CHAIN = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stack stack;
    static Thread stopOnExit;
    static WebDriver browser;
    static Path screenshots;
    static String console;

    @BeforeAll
    static void startTheCrmAndTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        Path root = Path.of(System.getProperty("crm.project.root", "..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("console.it.home", "target/crm")).toAbsolutePath().normalize();
        screenshots = Path.of(System.getProperty("console.it.screenshots", "target/screenshots")).toAbsolutePath();
        deleteRecursively(home);
        Files.createDirectories(home);
        Files.createDirectories(screenshots);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        stack = Stack.onFreePortsWithConsole(root, home, classpath, Duration.ofSeconds(240), System.out);
        stopOnExit = new Thread(stack::stop, "console-it-stop-crm");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        stack.launch();
        console = stack.consoleUrl().orElseThrow();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    @Test
    void aChannelUserServesAClientAtTheDecisionPoint() throws Exception {
        // one client in twenty is in the month's control group (ranked at random): serve one who is not
        Map<String, String> registered = new java.util.LinkedHashMap<>();
        registered.put(registerClientWorthDeveloping("Jana Nováková", "CB-IT-001"), "Jana Nováková");
        registered.put(registerClientWorthDeveloping("Eva Svobodová", "CB-IT-002"), "Eva Svobodová");
        String clientId = registered.keySet().stream().filter(id -> !inControlGroup(id)).findFirst().orElseThrow();
        String name = registered.get(clientId);

        // sign in as channel
        browser.get(console + "/");
        await().until(b -> b.getCurrentUrl().endsWith("/sign-in"));
        assertThat(browser.findElement(By.id("role-channel")).isSelected()).isTrue();
        shot("01-sign-in");
        browser.findElement(By.id("sign-in-dev")).click();
        await().until(b -> b.getCurrentUrl().endsWith("/clients"));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("dev-channel");

        // find the client
        browser.findElement(By.id("q")).sendKeys(name.split(" ")[1]);
        browser.findElement(By.id("search-button")).click();
        await().until(b -> !b.findElements(By.cssSelector("#search-results a.client-link")).isEmpty());
        List<WebElement> found = browser.findElements(By.cssSelector("#search-results a.client-link"));
        assertThat(found).extracting(WebElement::getText).containsExactly(name);
        shot("02-search");
        found.get(0).click();

        // the 360: profile, value, loyalty and the event chain's first decision (the page polls for it)
        await().until(b -> b.getCurrentUrl().endsWith("/clients/" + clientId));
        assertThat(browser.findElement(By.id("client-name")).getText()).startsWith(name);
        await(CHAIN).until(b -> { b.navigate().refresh(); return !b.findElements(By.id("perceived")).isEmpty(); });
        await(CHAIN).until(b -> !b.findElements(By.cssSelector("#nba-actions li.action")).isEmpty());
        assertThat(browser.findElement(By.id("strategy")).getText()).isEqualTo("Develop");
        assertThat(categories()).contains("SALES");
        shot("03-customer-360");

        // a bank-caused complaint at the branch: the next best actions turn to service recovery, without a reload
        String decisionBefore = browser.findElement(By.id("nba")).getAttribute("data-decision-id");
        choose("tp-channel", "BRANCH");
        choose("tp-type", "COMPLAINT");
        choose("tp-need", "PAYMENTS");
        choose("tp-valence", "NEGATIVE");
        choose("tp-cause", "BANK");
        choose("tp-causeDetail", "ERROR");
        choose("tp-outcome", "UNRESOLVED");
        browser.findElement(By.id("tp-csat")).sendKeys("1");
        browser.findElement(By.id("record-button")).click();
        await().until(b -> !b.findElements(By.id("done")).isEmpty());
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("The touchpoint is recorded.");
        assertThat(browser.findElements(By.cssSelector("#timeline-table tr[data-type='COMPLAINT']"))).hasSize(1);
        await(CHAIN).until(b -> !decisionBefore.equals(attribute(By.id("nba"), "data-decision-id"))
                && !categories().isEmpty() && categories().stream().allMatch("SERVICE_RECOVERY"::equals));
        assertThat(browser.findElement(By.id("loyalty-type")).getText()).isNotEmpty();
        scrollTo("main");
        shot("04-service-recovery");
        scrollTo("timeline");
        shot("04b-timeline");

        // a decision to present at the branch, and the client declines its first offer
        browser.findElement(By.id("present-button")).click();
        await().until(b -> b.getCurrentUrl().contains("done=decisionRequested"));
        // the panel shows the decision asked for (until the event chain decides anew)
        assertThat(browser.findElement(By.id("nba-trigger")).getText()).isEqualTo("REQUEST");
        WebElement first = browser.findElement(By.cssSelector("#nba-actions li.action"));
        String declined = first.getAttribute("data-offer-code");
        first.findElement(By.cssSelector("button.decline")).click();
        await().until(b -> b.getCurrentUrl().contains("done=responseRecorded"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("The answer is recorded.");
        await(CHAIN).until(b -> {
            b.navigate().refresh();
            return b.findElements(By.cssSelector("#timeline-table tr[data-type='OFFER_RESPONSE']")).stream()
                    .anyMatch(row -> row.getText().contains(declined + " → Declined"));
        });
        scrollTo("timeline");
        shot("05-declined");

        // the same page in Russian
        choose("lang-select", "ru");
        browser.findElement(By.cssSelector("form[action='/language'] button")).click();
        await().until(b -> b.findElement(By.id("nba-title")).getText().equals("Следующие лучшие действия"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        shot("06-russian");
        choose("lang-select", "en");
        browser.findElement(By.cssSelector("form[action='/language'] button")).click();
        await().until(b -> b.findElement(By.id("nba-title")).getText().equals("Next best actions"));

        // a channel user may not open the analytical CRM
        browser.get(console + "/analytics");
        assertThat(browser.findElement(By.id("forbidden")).getText()).isEqualTo("Not for your role");
        for (String page : List.of("/cx", "/offers")) {
            browser.get(console + page);
            assertThat(browser.findElement(By.id("forbidden")).getText()).as(page).isEqualTo("Not for your role");
        }
        browser.get(console + "/clients/" + clientId);

        // an analyst may not open the Customer 360
        signInAs("analyst");
        assertThat(menu()).containsExactly("/cx", "/analytics", "/offers");
        browser.get(console + "/clients/" + clientId);
        assertThat(browser.findElement(By.id("forbidden")).getText()).isEqualTo("Not for your role");
        shot("07-forbidden");

        // the analytical CRM: the two clients' accounts and last month's balances (2 × 2,500), as client-service answers them
        browser.get(console + "/analytics");
        String lastMonth = YearMonth.now().minusMonths(1).toString();
        WebElement row = browser.findElement(By.cssSelector("#kpi-months tr[data-month='" + lastMonth + "']"));
        assertThat(row.findElement(By.cssSelector("td.funds")).getText()).isEqualTo("5,000.00");
        assertThat(row.findElement(By.cssSelector("td.average")).getText()).isEqualTo("2,500.00");
        assertThat(row.findElement(By.cssSelector("td.holding")).getText()).isEqualTo("2");
        JsonNode kpis = get(stack.baseUrl("client-service") + "/api/v1/kpis", stack.bearerToken("analyst"));
        assertThat(browser.findElement(By.cssSelector("#mix-title small")).getText())
                .isEqualTo("(" + kpis.path("clients").asLong() + " clients)");
        await().until(b -> b.findElements(By.cssSelector("#chart-funds canvas")).size() == 1);
        shot("08-analytics");

        // loyalty and offers, from what this test did this month: both clients scored and still here; the one
        // bank-caused complaint, followed by the decision asked for at the branch (service recovery); the one answer,
        // declined — and the figures are those the services answer
        String thisMonth = YearMonth.now().toString();
        WebElement loyaltyRow = browser.findElement(By.cssSelector("#loyalty-months tr[data-month='" + thisMonth + "']"));
        assertThat(loyaltyRow.findElement(By.cssSelector("td.clients")).getText()).isEqualTo("2");
        assertThat(loyaltyRow.findElement(By.cssSelector("td.departures")).getText()).isEqualTo("0");
        JsonNode loyalty = get(stack.baseUrl("loyalty-service") + "/api/v1/kpis", stack.bearerToken("analyst"));
        JsonNode loyaltyMonth = loyalty.path("months").get(loyalty.path("months").size() - 1);
        assertThat(loyaltyMonth.path("month").asText()).isEqualTo(thisMonth);
        for (String type : List.of("TRUE", "LATENT", "SPURIOUS", "NONE")) {
            assertThat(loyaltyRow.findElement(By.cssSelector("td.type-" + type.toLowerCase())).getText())
                    .isEqualTo(loyaltyMonth.path("types").path(type).asText());
        }
        WebElement offerRow = browser.findElement(By.cssSelector("#offer-months tr[data-month='" + thisMonth + "']"));
        assertThat(offerRow.findElement(By.cssSelector("td.answers")).getText()).isEqualTo("1");
        assertThat(offerRow.findElement(By.cssSelector("td.accepted")).getText()).isEqualTo("0");
        assertThat(offerRow.findElement(By.cssSelector("td.negatives")).getText()).isEqualTo("1");
        assertThat(offerRow.findElement(By.cssSelector("td.recovery")).getText()).isEqualTo("100.0 %");
        assertThat(browser.findElement(By.cssSelector("#offer-by-offer tr[data-offer='" + declined + "'] td.answers")).getText())
                .isEqualTo("1");
        JsonNode offers = get(stack.baseUrl("offer-service") + "/api/v1/kpis", stack.bearerToken("analyst"));
        assertThat(offerRow.findElement(By.cssSelector("td.decisions")).getText())
                .isEqualTo(offers.path("months").get(offers.path("months").size() - 1).path("decisions").asText());
        assertThat(browser.findElement(By.cssSelector("#offer-by-channel tr[data-month='" + thisMonth + "'][data-channel='BRANCH'] td.requests"))
                .getText()).isEqualTo("1");
        // both clients were first scored this month: no month began with a churn risk held, so the churn rates have no
        // base and the page says so instead of drawing an empty chart
        assertThat(loyaltyMonth.path("churn").path("observedRate").isNull()).isTrue();
        assertThat(browser.findElements(By.id("chart-churn-none"))).hasSize(1);
        await().until(b -> b.findElements(By.cssSelector("#chart-offers canvas")).size() == 1);
        scrollTo("loyalty-kpis");
        shot("09-analytics-loyalty-offers");
        // filtered by a quadrant no client of this bank is in: nobody holds anything
        choose("kpi-quadrant", "UNPROFITABLE_LOW_POTENTIAL");
        browser.findElement(By.id("kpi-apply")).click();
        await().until(b -> b.getCurrentUrl().contains("quadrant=UNPROFITABLE_LOW_POTENTIAL"));
        assertThat(browser.findElement(By.cssSelector("#kpi-months tr[data-month='" + lastMonth + "'] td.holding")).getText())
                .isEqualTo("0");

        // the CX monitor: this month's one touchpoint, the bank-caused complaint (ERROR, at the branch, CSAT 1), as
        // interaction-service answers it, and the finding it makes (a bank-caused cause rising against last month)
        browser.get(console + "/cx");
        JsonNode cx = get(stack.baseUrl("interaction-service") + "/api/v1/kpis", stack.bearerToken("analyst"));
        JsonNode cxMonth = cx.path("months").get(cx.path("months").size() - 1);
        assertThat(cxMonth.path("month").asText()).isEqualTo(thisMonth);
        WebElement cxRow = browser.findElement(By.cssSelector("#cx-months tr[data-month='" + thisMonth + "']"));
        assertThat(cxRow.findElement(By.cssSelector("td.touchpoints")).getText())
                .isEqualTo(cxMonth.path("total").path("touchpoints").asText()).isEqualTo("1");
        assertThat(cxRow.findElement(By.cssSelector("td.bank-caused")).getText()).isEqualTo("1");
        assertThat(cxRow.findElement(By.cssSelector("td.csat")).getText()).isEqualTo("1.00");
        assertThat(browser.findElement(By.cssSelector("#cx-by-cause-detail tr[data-code='ERROR'] td.total")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#cx-by-channel tr[data-code='BRANCH'] td.total")).getText()).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector(
                "#cx-findings tr[data-month='" + thisMonth + "'][data-kind='rising-cause'][data-code='ERROR']"))).hasSize(1);
        await().until(b -> b.findElements(By.cssSelector("#chart-cx-satisfaction canvas")).size() == 1
                && b.findElements(By.cssSelector("#chart-cx-negatives canvas")).size() == 1);
        shot("10-cx-monitor");
        // the call centre had none this month
        choose("cx-channel", "CALL_CENTER");
        browser.findElement(By.id("cx-apply")).click();
        await().until(b -> b.getCurrentUrl().contains("channel=CALL_CENTER"));
        assertThat(browser.findElement(By.cssSelector("#cx-months tr[data-month='" + thisMonth + "'] td.touchpoints")).getText())
                .isEqualTo("0");

        // marketing: the offer catalogue, the declined offer with its one answer and its model as offer-service answers it
        signInAs("marketing");
        assertThat(menu()).containsExactly("/analytics", "/offers");
        browser.get(console + "/cx");
        assertThat(browser.findElement(By.id("forbidden")).getText()).isEqualTo("Not for your role");
        browser.get(console + "/offers");
        String marketing = stack.bearerToken("marketing");
        JsonNode catalogue = get(stack.baseUrl("offer-service") + "/api/v1/offers", marketing);
        String offerId = null;
        for (JsonNode offer : catalogue) {
            if (offer.path("code").asText().equals(declined)) {
                offerId = offer.path("id").asText();
            }
        }
        JsonNode model = get(stack.baseUrl("offer-service") + "/api/v1/offers/" + offerId + "/model", marketing);
        WebElement catalogueRow = browser.findElement(By.cssSelector("#offer-catalogue tr[data-offer='" + declined + "']"));
        assertThat(catalogueRow.findElement(By.cssSelector("td.answers")).getText()).isEqualTo("1");
        assertThat(catalogueRow.findElement(By.cssSelector("td.accepted")).getText()).isEqualTo("0");
        assertThat(catalogueRow.findElement(By.cssSelector("td.observations")).getText()).isEqualTo(model.path("observations").asText());
        assertThat(browser.findElements(By.cssSelector("#offer-catalogue tbody tr"))).hasSize(catalogue.size());
        // its uplift over the control group as offer-service answers it: the one answer was model-ranked, no control
        // answer yet, so not enough data
        JsonNode offerKpis = get(stack.baseUrl("offer-service") + "/api/v1/kpis", marketing);
        JsonNode declinedUplift = null;
        for (JsonNode o : offerKpis.path("byOffer")) {
            if (o.path("key").asText().equals(declined)) {
                declinedUplift = o.path("uplift");
            }
        }
        assertThat(declinedUplift).isNotNull();
        WebElement upliftCell = catalogueRow.findElement(By.cssSelector("td.uplift"));
        assertThat(upliftCell.getAttribute("data-treated")).isEqualTo(declinedUplift.path("treatedResponses").asText()).isEqualTo("1");
        assertThat(upliftCell.getAttribute("data-control")).isEqualTo(declinedUplift.path("controlResponses").asText()).isEqualTo("0");
        assertThat(upliftCell.getAttribute("data-enough")).isEqualTo(declinedUplift.path("enoughData").asText()).isEqualTo("false");
        assertThat(upliftCell.findElement(By.cssSelector(".value")).getText()).isEqualTo("not enough data");
        assertThat(browser.findElement(By.id("offers-uplift-min")).getText()).isEqualTo(offerKpis.path("upliftMinAnswers").asText());
        shot("11-offer-catalogue");

        // admin and integration: no page of the console is theirs (operations and other bank systems use the
        // services' APIs): the start page says so, no menu, and each page is the 403 page naming its roles
        for (String role : List.of("admin", "integration")) {
            signInAs(role);
            assertThat(browser.getCurrentUrl()).isEqualTo(console + "/");
            assertThat(menu()).as(role).isEmpty();
            assertThat(browser.findElement(By.id("home-nothing")).getText())
                    .isEqualTo("None of your roles opens a page of the console yet.");
            shot("12-home-" + role);
            for (String page : List.of("/clients", "/clients/" + clientId, "/analytics", "/cx", "/offers")) {
                browser.get(console + page);
                assertThat(browser.findElement(By.id("forbidden")).getText()).as(role + " " + page).isEqualTo("Not for your role");
            }
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("marketing", "analyst");
        }
    }

    /** Signs out and in again with the development sign-in as the one role given. */
    private static void signInAs(String role) {
        browser.findElement(By.cssSelector("form[action='/sign-out'] button")).click();
        await().until(b -> b.getCurrentUrl().endsWith("/sign-in"));
        for (WebElement box : browser.findElements(By.cssSelector("#dev-sign-in input[name='role']"))) {
            if (box.isSelected() != box.getAttribute("value").equals(role)) {
                box.click();
            }
        }
        browser.findElement(By.id("sign-in-dev")).click();
        await().until(b -> b.findElements(By.id("sign-in-dev")).isEmpty());
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("dev-" + role);
    }

    /** The menu's pages, in order. */
    private static List<String> menu() {
        return browser.findElements(By.cssSelector("ul.menu a")).stream().map(a -> a.getAttribute("href").substring(console.length()))
                .toList();
    }

    private static List<String> categories() {
        try {
            return browser.findElements(By.cssSelector("#nba-actions li.action")).stream()
                    .map(li -> li.getAttribute("data-category")).toList();
        } catch (StaleElementReferenceException e) {
            return List.of(); // the panel was swapped for a newer decision while read
        }
    }

    private static String attribute(By by, String name) {
        try {
            return browser.findElement(by).getAttribute(name);
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    private static void choose(String selectId, String value) {
        new Select(browser.findElement(By.id(selectId))).selectByValue(value);
    }

    private static WebDriverWait await() {
        return await(Duration.ofSeconds(20));
    }

    private static WebDriverWait await(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(500));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void scrollTo(String id) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static void shot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** As docs/walkthrough.md step 1: income HIGH, a current account, three profitable months, every consent. */
    private static String registerClientWorthDeveloping(String name, String reference) throws Exception {
        String channel = stack.bearerToken("channel");
        String integration = stack.bearerToken("integration");
        String clients = stack.baseUrl("client-service") + "/api/v1/clients";
        JsonNode client = post(clients, channel, Map.of("externalRef", reference, "type", "INDIVIDUAL", "fullName", name,
                "birthDate", "1991-03-14", "email", reference.toLowerCase() + "@example.org", "incomeBracket", "HIGH",
                "customerSince", "2016-05-02", "consents", Map.of("marketingEmail", true, "marketingSms", true,
                        "marketingPush", true, "marketingPhone", true, "profiling", true)));
        String id = client.path("id").asText();
        post(clients + "/" + id + "/products", channel,
                Map.of("type", "CURRENT_ACCOUNT", "openedAt", LocalDate.now().minusYears(2).toString(), "balance", 2500));
        for (int m = 1; m <= 3; m++) {
            post(clients + "/" + id + "/financials", integration, Map.of("month", YearMonth.now().minusMonths(m).toString(),
                    "revenue", 60, "costToServe", 15, "averageBalance", 2500, "transactionCount", 25, "transactionAmount", 1800));
        }
        return id;
    }

    /** Waits for the event chain's first decision on the client (offer-service) and says whether it is a control one. */
    private static boolean inControlGroup(String clientId) {
        String url = stack.baseUrl("offer-service") + "/api/v1/clients/" + clientId + "/next-best-actions";
        long deadline = System.nanoTime() + CHAIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("authorization", "Bearer " + stack.bearerToken("channel")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return JSON.readTree(answer.body()).path("controlGroup").asBoolean();
                }
                Thread.sleep(500);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no decision on client " + clientId + " within " + CHAIN);
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", url, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode post(String url, String token, Object body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json").header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("POST %s: %s", url, answer.body()).isBetween(200, 299);
        return JSON.readTree(answer.body());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
