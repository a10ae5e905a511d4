// Builds everything the hosts run:
//   1. static protobuf code from schemas/ (no code is generated at run time);
//   2. dist/queryable-core.js, the core bundle for JavaScriptCore and Node;
//   3. the Node entry points in dist/ (CLI and scripts).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { compileWasmKernels } from "./scripts/compile-wasm-kernels.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const generatedDir = join(root, "bridge", "_generated");
const protoFiles = ["schemas/queryable/v1/bridge.proto", "schemas/queryable/v1/index.proto"];

// Node entry points bundled into dist/, one per command or script.
const nodeEntries = {
  "cli.mjs": "cli/main.ts",
  "test-model.mjs": "models/test-model/main.ts",
};

function runNodeScript(packageBin, args) {
  execFileSync(process.execPath, [require.resolve(packageBin), ...args], { cwd: root, stdio: "inherit" });
}

function generateProtobufCode() {
  mkdirSync(generatedDir, { recursive: true });
  const js = join(generatedDir, "schema.js");

  // --force-number keeps 64-bit fields as plain numbers, so core never needs long.js.
  runNodeScript("protobufjs-cli/bin/pbjs", [
    "-t", "static-module", "-w", "es6", "--force-number",
    "--no-verify", "--no-delimited", "--no-convert",
    "-p", "schemas", "-o", js, ...protoFiles,
  ]);
  runNodeScript("protobufjs-cli/bin/pbts", ["-o", join(generatedDir, "schema.d.ts"), js]);
}

async function bundleCore() {
  await esbuild.build({
    entryPoints: [join(root, "bridge", "entry.ts")],
    outfile: join(root, "dist", "queryable-core.js"),
    bundle: true,
    format: "iife",
    globalName: "QueryableCore",
    platform: "neutral",
    target: ["safari16", "ios16"],
    mainFields: ["module", "main"],
    logLevel: "warning",
  });
}

function externalPackages() {
  const manifest = require("./package.json");
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => name !== "protobufjs");
}

async function bundleNodeEntries() {
  await esbuild.build({
    entryPoints: Object.fromEntries(
      Object.entries(nodeEntries).map(([out, source]) => [out.replace(/\.mjs$/, ""), join(root, source)]),
    ),
    outdir: join(root, "dist"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages stay in node_modules, except protobufjs: it is CommonJS without
    // an "exports" map, so Node's ESM loader cannot import "protobufjs/minimal"
    // by name nor expose its `util` as a named export. Bundling it avoids both.
    external: externalPackages(),
    logLevel: "warning",
  });
}

generateProtobufCode();
await compileWasmKernels(root);
await bundleCore();
await bundleNodeEntries();
