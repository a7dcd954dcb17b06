#!/usr/bin/env node
// Lighthouse reports of several pages with one browser, through Lighthouse's own Node API
// (the command line starts a browser per page, and then waits some seconds for a timer of
// its own before it exits). Used by the tests and by `make bench`.
// Usage: node scripts/lighthouse.mjs CHROME CATEGORIES OUT_DIR URL...
//   CHROME: the browser to run; CATEGORIES: comma-separated Lighthouse categories;
//   writes OUT_DIR/1.json, OUT_DIR/2.json... (one JSON report per URL, in order).
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

async function main([chromePath, categories, outDir, ...urls]) {
  if (!urls.length) {
    console.error("usage: node scripts/lighthouse.mjs CHROME CATEGORIES OUT_DIR URL...");
    return 2;
  }
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  let status = 0;
  try {
    for (const [i, url] of urls.entries()) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: categories.split(","),
        // the full-page screenshot is only for the report's pictures, not for any score
        disableFullPageScreenshot: true,
      });
      fs.writeFileSync(path.join(outDir, `${i + 1}.json`), result.report);
      const error = result.lhr.runtimeError;
      if (error) {  // the page could not be audited: say why (the report has no scores)
        console.error(`${url}: ${error.code}: ${error.message}`);
        status = 1;
      }
    }
  } finally {
    chrome.kill();
  }
  return status;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(`Lighthouse could not run: ${err.stack || err.message}`); process.exit(2); }
);
