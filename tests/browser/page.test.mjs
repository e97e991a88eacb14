// Browser tests of referat's search page in headless Chromium (Debian's /usr/bin/chromium),
// driven by playwright-core. .ci/browser-test.sh starts `referat serve` over the seeds and
// sets REFERAT_URL; screenshots go to SCREENSHOT_DIR (target/screenshots by default).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.REFERAT_URL ?? "http://127.0.0.1:8080";
const SHOTS = process.env.SCREENSHOT_DIR ?? "../../target/screenshots";
// The folder the server watches (`serve --watch`); .ci/browser-test.sh sets it.
const WATCHED = process.env.REFERAT_WATCHED;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh page that records console errors (CSP violations show there) and page errors. */
async function open(viewport, options = {}) {
  const context = await browser.newContext({ viewport, locale: "da-DK", ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => { if (m.type() === "error") page.problems.push(m.text()); });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

/** The whole page, and what the first screen shows (`-screen.png`). */
async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  await page.screenshot({ path: join(SHOTS, name.replace(".png", "-screen.png")) });
}

async function search(page, words) {
  await page.goto(BASE + "/");
  await page.fill("#q", words);
  await Promise.all([page.waitForURL(/[?&]q=/), page.press("#q", "Enter")]);
}

const total = async (page) => Number((await page.textContent(".total strong")).replace(/\./g, ""));
const hitTitles = (page) => page.locator(".hit h3 a").allTextContents();
const hitYears = async (page) =>
  (await page.locator(".hit time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime").slice(0, 4))));
const facetCount = (page, facet, value) =>
  page.locator(`input[name="${facet}"][value="${value}"] ~ .count`).textContent();

test("a search for lægedækning, a kommune, a year bar, an item and Back", async () => {
  const page = await open(DESKTOP);
  await search(page, "lægedækning");
  const years = await hitYears(page);
  assert.ok(years.includes("2024") && years.includes("2025"), `years shown: ${years}`);
  assert.match(await page.locator(".hit .snippet mark").first().textContent(), /lægedækning/i);
  const before = { total: await total(page), klynge: await facetCount(page, "klynge", "Sydvestjylland") };
  await shot(page, "desktop-search.png");

  // Choosing a kommune submits the form (app.js): fewer hits, other counts, a chip.
  await Promise.all([page.waitForURL(/kommune=Esbjerg/), page.check('input[name="kommune"][value="Esbjerg"]')]);
  const esbjerg = await total(page);
  assert.ok(esbjerg > 0 && esbjerg < before.total, `${esbjerg} of ${before.total}`);
  assert.notEqual(await facetCount(page, "klynge", "Sydvestjylland"), before.klynge);
  assert.equal(await page.locator(".chip").first().textContent(), "Kommune: Esbjerg ✕");
  assert.ok(await page.isChecked('input[name="kommune"][value="Esbjerg"]'));
  await shot(page, "desktop-kommune.png");

  // A year bar filters to its year, and the chart turns to months.
  await Promise.all([page.waitForURL(/aar=2024/), page.click('svg.chart a[aria-label^="2024"]')]);
  assert.match(await page.textContent("#chart-titel"), /Måned for måned i 2024/);
  assert.ok(await page.isChecked('input[name="kommune"][value="Esbjerg"]'), "the kommune stays chosen");
  const resultsUrl = page.url();
  const titles = await hitTitles(page);
  assert.ok(titles.length > 0);
  await shot(page, "desktop-year.png");

  // The item page shows its Beslutning; Back returns to the same results.
  await Promise.all([page.waitForURL(/\/punkt\//), page.locator(".hit h3 a").first().click()]);
  const decision = page.locator("section#beslutning");
  assert.equal(await decision.locator("h2").textContent(), "Beslutning");
  assert.ok((await decision.locator("p").allTextContents()).join(" ").length > 10);
  await shot(page, "desktop-item.png");
  await page.goBack();
  assert.equal(page.url(), resultsUrl);
  assert.deepEqual(await hitTitles(page), titles);
  assert.deepEqual(page.problems, [], "no console errors or CSP violations");
});

test("sorting and paging keep the query and filters in the URL", async () => {
  const page = await open(DESKTOP);
  await page.goto(BASE + "/?kommune=Esbjerg");
  await Promise.all([page.waitForURL(/sort=oldest/), page.selectOption("#sortering", "oldest")]);
  assert.match(page.url(), /kommune=Esbjerg/);
  const years = await hitYears(page);
  assert.deepEqual([...years].sort(), years, "oldest first");
  await page.goto(BASE + "/?sort=oldest");
  assert.ok((await total(page)) > 10, "the seeds fill more than one page");
  const firstPage = await hitTitles(page);
  await Promise.all([page.waitForURL(/page=2/), page.click('.pages a[rel="next"]')]);
  assert.equal(await page.textContent('.pages [aria-current="page"]'), "2");
  assert.match(page.url(), /sort=oldest/);
  assert.notDeepEqual(await hitTitles(page), firstPage);
});

test("a query with a script tag is shown, never run", async () => {
  const page = await open(DESKTOP);
  const evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
  await page.goto(BASE + "/?q=" + encodeURIComponent(evil));
  assert.equal(await page.inputValue("#q"), evil);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("main img").count(), 0);
});

test("the search box suggests words from the index", async () => {
  const page = await open(DESKTOP);
  await page.goto(BASE + "/");
  await page.locator("#q").pressSequentially("læge", { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("#q-forslag option").length > 0);
  const options = await page.locator("#q-forslag option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.some((o) => o.toLowerCase().startsWith("læge")), `${options}`);
});

test("without JavaScript the filters still work through the form", async () => {
  const page = await open(DESKTOP, { javaScriptEnabled: false });
  await page.goto(BASE + "/?q=l%C3%A6ged%C3%A6kning");
  await page.check('input[name="kommune"][value="Esbjerg"]');
  await Promise.all([page.waitForURL(/kommune=Esbjerg/), page.click("aside button.apply")]);
  assert.match(page.url(), /q=l%C3%A6ged%C3%A6kning/);
  assert.equal(await page.locator(".chip").count(), 1);
});

test("keyboard users can skip to the results", async () => {
  const page = await open(DESKTOP);
  await page.goto(BASE + "/?q=hjem");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Spring til indhold");
});

test("on a phone the results come first and nothing overflows", async () => {
  const page = await open(PHONE, { isMobile: true, hasTouch: true });
  await search(page, "lægedækning");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  const main = await page.locator("main").boundingBox();
  const aside = await page.locator("aside.facets").boundingBox();
  assert.ok(main.y < aside.y, "results above the filters");
  await shot(page, "phone-search.png");
  await page.locator(".hit h3 a").first().click();
  await page.waitForURL(/\/punkt\//);
  await shot(page, "phone-item.png");
});

test("a meeting page lists who came, marks who was absent, and links its agenda", async () => {
  const page = await open(DESKTOP);
  await page.goto(BASE + "/moede/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11");
  assert.match(await page.textContent("h1"), /Sundhedsklynge Sydvestjylland, 11\. november 2024/);
  const absent = await page.locator(".participants .absent").allTextContents();
  assert.ok(absent.some((p) => p.includes("Birgitte Ries Møller") && p.includes("fraværende")), `${absent}`);
  await Promise.all([page.waitForURL(/\/punkt-3$/), page.click(".agenda li:nth-child(3) a")]);
  assert.match(await page.textContent("h1"), /^Punkt 3:/);
  await page.goBack();
  await shot(page, "desktop-meeting.png");
});

test("a person page is reached from an item page and lists the meetings attended and missed", async () => {
  const page = await open(DESKTOP);
  await page.goto(BASE + "/punkt/sundhedsklynge-sydvestjylland/politisk-niveau/2024-03-01/punkt-2");
  await Promise.all([page.waitForURL(/\/moede\//), page.click(`a[href="/moede/sundhedsklynge-sydvestjylland/politisk-niveau/2024-03-01"]`)]);
  await Promise.all([page.waitForURL(/\/person\/mads-soerensen$/), page.click(".participants a >> text=Mads Sørensen")]);
  assert.equal(await page.textContent("h1"), "Mads Sørensen");
  assert.match(await page.textContent("article.person"), /Deltog i 1 møde, fraværende fra 1 møde\./);
  assert.deepEqual(await page.locator("article.person h3").allTextContents(),
    ["Sundhedsklynge Sydvestjylland, 2024", "Sundhedsklynge Sydvestjylland, 2024"]);
  await shot(page, "desktop-person.png");
  await Promise.all([page.waitForURL(/[?&]person=/), page.click("a[href^='/?person=']")]);
  assert.equal(await total(page), 9);
  assert.deepEqual(page.problems, []);
});

test("an unknown item is a friendly Danish 404 page", async () => {
  const page = await open(DESKTOP);
  const response = await page.goto(BASE + "/punkt/findes/ikke");
  assert.equal(response.status(), 404);
  assert.equal(await page.textContent("h1"), "Siden findes ikke");
});

/** Reload `url` until `check(page)` holds; how long it took, or fail after `ms`. */
async function within(page, url, ms, check) {
  const start = Date.now();
  while (Date.now() - start < ms) {
    await page.goto(url);
    if (await check(page)) return Date.now() - start;
    await page.waitForTimeout(200);
  }
  assert.fail(`not within ${ms} ms: ${url}`);
}

test("a referat saved into the watched folder is found within 5 s and gone 5 s after deletion", async () => {
  assert.ok(WATCHED, "REFERAT_WATCHED names the watched folder");
  const page = await open(DESKTOP);
  const url = BASE + "/?q=hvalrosser";
  await page.goto(url);
  assert.equal(await total(page), 0);
  const file = join(WATCHED, "nyt-referat.txt");
  writeFileSync(file, "# REFERAT Sundhedsklynge Sydvestjylland d. 02-02-2032\n\n" +
    "## Punkt 1: Hvalrosser i Vadehavet\n\nKlyngen drøftede hvalrosser.\n");
  await within(page, url, 5000, async (p) => (await total(p)) === 1);
  assert.match(await page.textContent(".hit h3 a"), /Hvalrosser i Vadehavet/);
  await shot(page, "desktop-watched.png");
  rmSync(file);
  await within(page, url, 5000, async (p) => (await total(p)) === 0);
});

test("the search offers a feed and a CSV that link to the item pages", async () => {
  const page = await open(DESKTOP);
  await search(page, "lægedækning");
  const feed = await page.getAttribute("link[rel=alternate][type='application/atom+xml']", "href");
  const subscribe = page.getByRole("link", { name: "Abonnér på søgningen (Atom)" });
  assert.equal(await subscribe.getAttribute("href"), feed);
  const xml = await (await page.request.get(BASE + feed)).text();
  const links = [...xml.matchAll(/<link href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(links.length > 0 && links.every((l) => l.includes("/punkt/")), `${links}`);
  await page.goto(links[0]);
  assert.match(await page.textContent("h1"), /^Punkt \d+:/);
  await page.goBack();
  const csvHref = await page.getByRole("link", { name: "Hent som CSV" }).getAttribute("href");
  const csv = await (await page.request.get(BASE + csvHref)).text();
  assert.equal(csv.trim().split("\r\n").length, (await total(page)) + 1);
  assert.match(csv, /,http:\/\/[^,]+\/punkt\//);
});

test("Søgetips by the search box explains the query language", async () => {
  const page = await open(PHONE);
  await page.goto(BASE + "/");
  await page.click("#soegetips summary");
  const tips = await page.textContent("#soegetips");
  for (const example of ['"Kom Trygt Hjem"', "-rekruttering", "OR", "titel:", "sundheds*"]) {
    assert.ok(tips.includes(example), example);
  }
  assert.ok(await page.isVisible("#soegetips dl"));
  await shot(page, "phone-tips.png");
});

test("an item opened from a hit marks the words, and Søgning leads back to the results", async () => {
  const page = await open(DESKTOP);
  await search(page, "lægedækning");
  await Promise.all([page.waitForURL(/kommune=Esbjerg/), page.check('input[name="kommune"][value="Esbjerg"]')]);
  const titles = await hitTitles(page);
  await Promise.all([page.waitForURL(/\/punkt\//), page.locator(".hit h3 a").first().click()]);
  const marks = await page.locator("article.item mark").allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /^lægedækning/i.test(m)), `${marks}`);
  assert.equal(await page.inputValue("#q"), "lægedækning", "the search box keeps the search");
  await Promise.all([page.waitForURL(/\/\?q=.*kommune=Esbjerg/), page.click(".crumbs a >> text=Søgning")]);
  assert.ok(await page.isChecked('input[name="kommune"][value="Esbjerg"]'));
  assert.deepEqual(await hitTitles(page), titles, "the same results");
});

test("an unknown address is the Danish 404 page, not JSON", async () => {
  const page = await open(DESKTOP);
  const response = await page.goto(BASE + "/nope");
  assert.equal(response.status(), 404);
  assert.equal(await page.textContent("h1"), "Siden findes ikke");
  assert.deepEqual(page.problems.filter((p) => !p.includes("404")), []);
});
