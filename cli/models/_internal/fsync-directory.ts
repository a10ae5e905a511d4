import { open } from "node:fs/promises";

/** Flushes a directory entry change (a rename) to disk, so a crash cannot undo it. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
