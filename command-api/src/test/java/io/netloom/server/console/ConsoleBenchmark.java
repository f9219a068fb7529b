package io.netloom.server.console;

import static io.netloom.server.testing.TestData.ok;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriverException;

/**
 * How fast the console is with a big account, in headless Chromium on this machine: 5,000 peers in 200 groups, each
 * group allowed to reach itself (the network-map benchmark's topology). Not part of the suite (its name ends in
 * neither Test nor Tests); run it with
 * {@code mvn -B verify -pl command-api -am -DskipITs -Dtest=ConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the figures it prints. It asserts nothing about time: figures go to BENCHMARKS.md.
 */
class ConsoleBenchmark extends ConsoleServer {

    private static final int PEERS = Integer.getInteger("console.benchmark.peers", 5000);
    private static final int GROUPS = Integer.getInteger("console.benchmark.groups", 200);
    private static final int ROUNDS = Integer.getInteger("console.benchmark.rounds", 7);

    @Test
    void bigAccount() throws Exception {
        NetloomApi.Client owner = newAccount();
        long filling = System.nanoTime();
        fill(owner);
        System.out.printf("account filled: %d peers, %d groups in %.1f s%n", PEERS, GROUPS,
                (System.nanoTime() - filling) / 1e9);
        try (ConsoleBrowser browser = ConsoleBrowser.open(ORIGIN, 1366, 900)) {
            browser.signIn(newPerson(owner, "admin"), PASSWORD);
            report("peers page, from another page (ms)", () -> fromSettings(browser, "peers", "peers-drawn"));
            report("peers page, whole reload with the silent sign-in (ms)", () -> peersPageReloaded(browser));
            report("network picture, from another page to the group summary drawn (ms)",
                    () -> fromSettings(browser, "picture", "picture-drawn"));
            report("network picture, one group's peers drawn after choosing it (ms)", () -> afterMark(browser,
                    "picture-drawn", """
                    const groups = document.querySelector('[data-test=picture-groups]');
                    [...groups.options].forEach((option, i) => { option.selected = i === 0; });
                    groups.form.requestSubmit();
                    """));
            report("network picture, back to the whole account (ms)", () -> afterMark(browser, "picture-drawn", """
                    [...document.querySelectorAll('[data-test=picture-filter] button')]
                        .find((button) => button.textContent === 'Whole account').click();
                    """));
        }
    }

    /** Milliseconds from leaving Settings for {@code page} to the page's mark (and the frame after it). */
    private static double fromSettings(ConsoleBrowser browser, String page, String mark) {
        browser.open("#/settings");
        browser.await("[data-test=account-settings]");
        return afterMark(browser, mark, "location.hash = '#/" + page + "';");
    }

    /**
     * Milliseconds from asking for a reload to the peers table drawn: the console's page, its scripts, the silent
     * sign-in at the issuer (a redirect there and back, the code traded for a token) and the list.
     */
    private static double peersPageReloaded(ConsoleBrowser browser) {
        long asked = System.currentTimeMillis();
        browser.driver().navigate().refresh();
        // The page sets its mark a frame after the rows appear: wait for the mark itself, across the sign-in's
        // redirects (a script may meet a page being replaced).
        Object drawn = browser.wait(Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(driver -> browser.script("""
                const mark = performance.getEntriesByName('netloom:peers-drawn').at(-1);
                return mark ? performance.timeOrigin + mark.startTime : null;
                """));
        return ((Number) drawn).doubleValue() - asked;
    }

    /**
     * Milliseconds from running {@code action} in the page to the next User Timing mark {@code netloom:<mark>} and
     * the frame after it painted.
     */
    private static double afterMark(ConsoleBrowser browser, String mark, String action) {
        Object elapsed = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const name = 'netloom:' + arguments[0];
                const started = performance.now();
                new PerformanceObserver((list, observer) => {
                    if (list.getEntries().some((entry) => entry.name === name)) {
                        observer.disconnect();
                        requestAnimationFrame(() => setTimeout(() => done(performance.now() - started)));
                    }
                }).observe({ type: 'mark' });
                """ + action, mark);
        return ((Number) elapsed).doubleValue();
    }

    private static void report(String what, Supplier<Double> measurement) {
        measurement.get();
        double[] runs = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            runs[i] = measurement.get();
        }
        double[] sorted = runs.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.0f, min %.0f, max %.0f, runs %s%n", what, sorted[ROUNDS / 2], sorted[0],
                sorted[ROUNDS - 1], Arrays.toString(Arrays.stream(runs).map(Math::rint).toArray()));
    }

    /** Groups g0..g199, a self-policy for each, and PEERS peers spread evenly over them by setup keys. */
    private void fill(NetloomApi.Client owner) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            String group = ok(owner.post("/api/groups", Map.of("name", "g" + g))).text("id");
            ok(owner.post("/api/policies", Map.of("name", "g" + g + " to itself", "enabled", true, "rules", List.of(
                    Map.of("name", "g" + g, "enabled", true, "action", "accept", "bidirectional", true,
                            "protocol", "all", "sources", List.of(group), "destinations", List.of(group))))));
            keys.add(TestPeers.createReusableKey(owner, List.of(group)));
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> enrolled = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                String key = keys.get(i % GROUPS);
                String hostname = "bench-" + i;
                enrolled.add(clients.submit(() -> TestPeers.enroll(api.anonymous(), key, hostname)));
            }
            for (Future<String> peer : enrolled) {
                peer.get();
            }
        } finally {
            clients.shutdown();
        }
    }
}
