// Runs scripts/fetch-sample-photos.sh against a stand-in apt-get that
// returns one locally built package, so no network is needed.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./cli-runner";

const hasDpkg = spawnSync("dpkg-deb", ["--version"]).error === undefined;
if (!hasDpkg) console.warn("skipping the sample photo script test: dpkg-deb is not installed");

const packagedTime = new Date("2015-06-01T12:00:00Z");

describe.skipIf(!hasDpkg)("scripts/fetch-sample-photos.sh", () => {
  let work: string;
  let dest: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "queryable-fetch-samples-"));

    const root = join(work, "package");
    const pictures = join(root, "usr", "share", "pictures");
    mkdirSync(join(root, "DEBIAN"), { recursive: true });
    mkdirSync(pictures, { recursive: true });
    writeFileSync(join(root, "DEBIAN", "control"), "Package: sample-pictures\nVersion: 1\nArchitecture: all\nMaintainer: Test <test@example.invalid>\nDescription: pictures\n");
    writeFileSync(join(pictures, "old.png"), "not really a PNG");
    utimesSync(join(pictures, "old.png"), packagedTime, packagedTime);
    symlinkSync("old.png", join(pictures, "link.png"));
    execFileSync("dpkg-deb", ["--build", root, join(work, "sample-pictures.deb")], { stdio: "ignore" });

    // The stand-in apt-get "downloads" the package into the current folder.
    const bin = join(work, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "apt-get"), `#!/bin/sh\ncp "${join(work, "sample-pictures.deb")}" .\n`);
    chmodSync(join(bin, "apt-get"), 0o755);

    dest = join(work, "samples");
    execFileSync("bash", [join(repoRoot, "scripts", "fetch-sample-photos.sh"), dest], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` },
      stdio: "ignore",
    });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("keeps the packaged modification time", () => {
    expect(statSync(join(dest, "usr", "share", "pictures", "old.png")).mtimeMs).toBe(packagedTime.getTime());
  });

  it("keeps symbolic links as links", () => {
    const link = join(dest, "usr", "share", "pictures", "link.png");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("old.png");
  });
});
