package com.logprocessor.it.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.access.Role;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The /ring page in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs
 * them). Skipped, saying so, where they are not installed.
 */
@Order(70)
class RingPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String FOURTH = "storage-node-4";
    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: the /ring page test needs headless Chromium (" + CHROMIUM + " and " + CHROMEDRIVER
                        + "; apt-get install chromium chromium-driver), which is not installed here");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As the machine notes say: no sandbox as root, and no background connections on a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // The page as an operator sees it: Basic credentials with the cluster's admin key as password
        // (what the browser's login prompt sends), on every request, the Forget form's POST included.
        String basic = Base64.getEncoder().encodeToString(("operator:" + TestCluster.get().secrets().key(Role.ADMIN))
                .getBytes(StandardCharsets.UTF_8));
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + basic)));
        browser = chrome;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#members tbody tr"));
    }

    private static WebElement row(String node) {
        return browser.findElement(By.cssSelector("#members tr[data-node='" + node + "']"));
    }

    @Test
    void thePageShowsTheRingAndForgetsADeadNode() throws Exception {
        LocalCluster cluster = TestCluster.get();
        browser.get(TestCluster.coordinatorUrl() + "/ring");
        assertThat(browser.getTitle()).contains("Ring");
        for (String node : List.of("storage-node-1", "storage-node-2", "storage-node-3")) {
            assertThat(row(node).findElement(By.cssSelector(".state")).getText()).isEqualTo("UP");
            assertThat(row(node).findElement(By.cssSelector(".breaker")).getText()).isEqualTo("CLOSED");
            assertThat(row(node).getText()).contains("150");
        }
        assertThat(browser.findElements(By.cssSelector("svg#ring path"))).hasSize(450);
        screenshot("ring-page.png");

        // A fourth node joins and leaves: it stays known as DOWN, with a Forget button.
        cluster.start(FOURTH);
        cluster.awaitReady(FOURTH);
        await().atMost(Duration.ofSeconds(5)).until(() -> Membership.snapshot().isUp(FOURTH));
        cluster.stop(FOURTH);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            browser.navigate().refresh();
            return !browser.findElements(By.cssSelector("#members tr[data-node='" + FOURTH + "'] .state.DOWN")).isEmpty();
        });
        assertThat(rows()).hasSize(4);
        screenshot("ring-page-node-down.png");

        row(FOURTH).findElement(By.cssSelector("button.forget")).click();
        browser.switchTo().alert().accept(); // "Forget storage-node-4 for good?"
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.findElements(By.id("message")).isEmpty());
        assertThat(browser.findElement(By.id("message")).getText()).contains(FOURTH + " was forgotten");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#members tr[data-node='" + FOURTH + "']")).isEmpty();
        });
        assertThat(Membership.snapshot().member(FOURTH)).isEmpty();
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of("target", name);
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
