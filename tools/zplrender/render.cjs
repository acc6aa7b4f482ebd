// Test-only: ZPL on stdin -> one PNG per label in OUTDIR, as a Zebra would print them.
// usage: node render.cjs OUTDIR WIDTH_MM HEIGHT_MM DOTS_PER_MM
const fs = require("node:fs");
const path = require("node:path");
const { ready } = require("zpl-renderer-js");

const [outdir, widthMm, heightMm, dpmm] = process.argv.slice(2);
(async () => {
  const zpl = fs.readFileSync(0, "utf8");
  const { api } = await ready;
  // one format at a time: zebrash's multiple-label call carries barcode positions over from
  // one format to the next (a printer starts each ^XA afresh)
  const formats = zpl.split("^XZ").filter((f) => f.includes("^XA")).map((f) => `${f}^XZ`);
  for (const [i, format] of formats.entries()) {
    const png = await api.zplToBase64Async(format, Number(widthMm), Number(heightMm), Number(dpmm));
    fs.writeFileSync(path.join(outdir, `label-${i}.png`), Buffer.from(png, "base64"));
  }
  process.exit(0);
})().catch((err) => {
  console.error(String(err));
  process.exit(1);
});
