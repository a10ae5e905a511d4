#!/usr/bin/env node
// The `queryable` command: runs the CLI bundle that `npm install` builds
// (through the package's prepare script) into dist/.
import "../dist/cli.mjs";
