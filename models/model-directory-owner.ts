// The model a directory already contains, checked so that writing one model
// into a directory never replaces the files of another.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseModelManifest } from "./parse-model-manifest";

/** The model a directory's manifest.json names, if any. */
export type DirectoryOwner =
  | { readonly kind: "none" }
  | { readonly kind: "model"; readonly id: string }
  | { readonly kind: "unreadable"; readonly problem: string };

/**
 * Reads `dir`/manifest.json: "none" when the file does not exist, the model
 * id when it parses, and "unreadable" with the problem otherwise.
 */
export function directoryOwner(dir: string): DirectoryOwner {
  let text: string;
  try {
    text = readFileSync(join(dir, "manifest.json"), "utf8");
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "none" };
    return { kind: "unreadable", problem: thrown instanceof Error ? thrown.message : String(thrown) };
  }

  const parsed = parseModelManifest(text);
  return parsed.ok ? { kind: "model", id: parsed.manifest.id } : { kind: "unreadable", problem: parsed.problem };
}

/**
 * Returns why `modelId` must not be written into `dir`, or null when it may:
 * the directory has no manifest.json, or one of the same model.
 */
export function ownerConflict(dir: string, modelId: string): string | null {
  const owner = directoryOwner(dir);
  if (owner.kind === "none") return null;
  if (owner.kind === "model") {
    return owner.id === modelId ? null : `${dir} contains the model "${owner.id}", and writing "${modelId}" there would replace its files`;
  }
  return `${dir} has a manifest.json that cannot be read (${owner.problem}), so it may hold another model whose files would be replaced`;
}
