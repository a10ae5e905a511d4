// Download progress: a cli-progress bar on a terminal, plain lines elsewhere
// (CI logs, pipes), at most one line per file every 5 seconds.
import cliProgress from "cli-progress";
import type { FetchProgress } from "./fetch-model";

const lineIntervalMs = 5000;

/** Creates a progress reporter that writes to `stream`. */
export function createFetchProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): FetchProgress {
  return stream.isTTY === true ? barProgress(stream) : lineProgress(stream);
}

function barProgress(stream: NodeJS.WritableStream): FetchProgress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(fileName, totalBytes) {
      bar = new cliProgress.SingleBar({
        stream: stream as NodeJS.WritableStream & NodeJS.WriteStream,
        format: `${fileName} [{bar}] {percentage}% | {value}/{total} bytes | ETA {eta}s`,
      }, cliProgress.Presets.shades_classic);
      bar.start(totalBytes ?? 0, 0);
    },
    update(receivedBytes) {
      bar?.update(receivedBytes);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function lineProgress(stream: NodeJS.WritableStream): FetchProgress {
  let name = "";
  let total: number | null = null;
  let lastLine = 0;
  let received = 0;
  const write = () => {
    const share = total === null || total === 0 ? "" : ` (${Math.floor((100 * received) / total)}%)`;
    stream.write(`${name}: ${received}${total === null ? "" : `/${total}`} bytes${share}\n`);
  };
  return {
    start(fileName, totalBytes) {
      name = fileName;
      total = totalBytes;
      received = 0;
      lastLine = Date.now();
      stream.write(`${name}: downloading\n`);
    },
    update(receivedBytes) {
      received = receivedBytes;
      if (Date.now() - lastLine < lineIntervalMs) return;
      lastLine = Date.now();
      write();
    },
    stop() {
      write();
    },
  };
}
