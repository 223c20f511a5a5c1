// The reference for Bluesky's counter and facets: npm @atproto/api 0.21.0 (MIT, Bluesky PBC),
// pinned in package.json. Reads a JSON array of texts on stdin and writes, per text, the facets
// RichText.detectFacetsWithoutResolution finds, its grapheme length, and what the app's composer
// makes of it: bluesky-social/social-app shortens every link facet's text with toShortUrl
// (src/lib/strings/url-helpers.ts) through RichText.insert and delete (shortenLinks in
// src/lib/strings/rich-text-manip.ts) and counts the graphemes of the result. Those two app
// functions are not published on npm; the few lines below follow them step by step.
import { RichText, UnicodeString } from "@atproto/api";

function shortUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return url;
  const rest = (parsed.pathname === "/" ? "" : parsed.pathname) + parsed.search + parsed.hash;
  return rest.length > 15 ? `${parsed.host}${rest.slice(0, 13)}...` : parsed.host + rest;
}

function facetRows(facets) {
  return (facets || []).map((facet) => {
    const feature = facet.features[0];
    const kind = feature.$type.split("#")[1];
    const value = kind === "link" ? feature.uri : kind === "tag" ? feature.tag : feature.did;
    return [kind, facet.index.byteStart, facet.index.byteEnd, value];
  });
}

function shortened(richText) {
  const copy = richText.clone();
  for (const facet of copy.facets || []) {
    if (facet.features[0].$type !== "app.bsky.richtext.facet#link") continue;
    const { byteStart, byteEnd } = facet.index;
    const shown = new UnicodeString(shortUrl(copy.unicodeText.slice(byteStart, byteEnd)));
    copy.insert(byteStart, shown.utf16);
    facet.index.byteStart = byteStart;
    facet.index.byteEnd = byteStart + shown.length;
    copy.delete(byteStart + shown.length, byteEnd + shown.length);
  }
  return copy;
}

function measure(text) {
  const richText = new RichText({ text });
  richText.detectFacetsWithoutResolution();
  const short = shortened(richText);
  return {
    facets: facetRows(richText.facets),
    graphemes: richText.graphemeLength,
    shortText: short.text,
    shortFacets: facetRows(short.facets),
    shortGraphemes: short.graphemeLength,
  };
}

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  process.stdout.write(JSON.stringify(texts.map(measure)));
});
