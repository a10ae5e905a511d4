// Entry of dist/cli.mjs: runs the CLI and sets the process exit code.
import { fileURLToPath } from "node:url";
import { runCli } from "./run-cli";

// esbuild bundles this file into dist/cli.mjs, beside dist/queryable-core.js.
const coreBundlePath = fileURLToPath(new URL("./queryable-core.js", import.meta.url));

process.exitCode = await runCli(process.argv.slice(2), coreBundlePath);
