// The reference for X's counter: npm twitter-text 3.1.0 (Apache-2.0, Twitter, Inc.), pinned in
// package.json. Reads a JSON array of texts on stdin and writes, per text, what twitter-text's
// parseTweet and extractUrlsWithIndices say about it, as one JSON array on stdout.
"use strict";

const twitter = require("twitter-text");

function measure(text) {
  const parsed = twitter.parseTweet(text);
  return {
    weightedLength: parsed.weightedLength,
    valid: parsed.valid,
    permillage: parsed.permillage,
    validRangeEnd: parsed.validRangeEnd,
    displayRangeEnd: parsed.displayRangeEnd,
    // Indices are UTF-16 code units, as twitter-text gives them.
    urls: twitter
      .extractUrlsWithIndices(text.normalize())
      .map((entity) => [entity.url, entity.indices[0], entity.indices[1]]),
  };
}

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  process.stdout.write(JSON.stringify(texts.map(measure)));
});
