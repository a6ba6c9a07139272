// Copies the minified browser builds the UI uses (and their licences) into the package.
// No build step at install time: the copied files are committed.
const fs = require("fs");
const path = require("path");

const modules = path.join(__dirname, "node_modules");
const out = path.join(__dirname, "..", "src", "letopis", "web", "static", "vendor");
const files = [
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape/LICENSE", "cytoscape.LICENSE"],
];
fs.mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  fs.copyFileSync(path.join(modules, from), path.join(out, to));
  console.log(`${from} -> ${path.relative(process.cwd(), path.join(out, to))}`);
}
