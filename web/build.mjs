// Builds the page into the Python package: src/dateline/serve/static/{index.html,app.js,app.css}.
// Run with `make web` (npm ci + this); the output is committed so nobody else needs npm.
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { build } from "esbuild";

const out = new URL("../src/dateline/serve/static/", import.meta.url);
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out.pathname,
  // Leaflet's CSS names a few images; inlined, the page needs no other file.
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  legalComments: "eof",
  charset: "utf8",
  logLevel: "info",
});
await copyFile("index.html", new URL("index.html", out));
// The exported single file inlines app.js in a <script>; that must not end it early.
const js = await readFile(new URL("app.js", out), "utf8");
if (/<\/script/i.test(js)) throw new Error("app.js contains </script; the HTML export would break");
