// Expect: see index.html.
fetch("https://api.tracker.example/collect");
const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
const space = "\u00A0"//nbsp, a comment after a string, not an address
const own = "https://blog.ruedalibre-demo.es/feed_rss_created.xml";
// Material's bundle loads Mermaid only on a page with a diagram (diagram.html has one).
const mermaid = "https://unpkg.com/mermaid@11/dist/mermaid.min.js";
