import { open, rename } from "node:fs/promises";
import { makeDirectories } from "../../files/make-directories";
import { dirname } from "node:path";
import { failWith, succeed, type ModelsResult } from "../models-error";
import { fsyncDirectory } from "./fsync-directory";

/** Writes `text` to `path` through a temporary file, fsync and rename, so readers see the old or the new file, never a torn one. */
export async function writeFileAtomic(path: string, text: string): Promise<ModelsResult<void>> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    makeDirectories(dirname(path));
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    await fsyncDirectory(dirname(path));
    return succeed(undefined);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return failWith("WRITE_FAILED", `cannot write ${path}: ${reason}; choose a writable --dest`);
  }
}
