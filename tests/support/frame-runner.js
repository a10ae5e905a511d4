// Replays a frame file through dist/queryable-core.js inside a jsc-style
// shell (Debian's `jsc` or tests/support/node-shell.mjs) and prints every
// response as hex, because jsc cannot write files.
//
//   jsc [--useJIT=false] frame-runner.js -- dist/queryable-core.js FRAMES.bin
//
// FRAMES.bin is the format of tests/support/frame-file.ts: per sequence a
// u32 little-endian frame count, then per frame a u32 little-endian length
// and the frame bytes. Each sequence runs in a new core instance.
//
// Output, one record per line:
//   S <sequence index>      a new sequence starts
//   R <hex>                 the response to the next frame
//   X <message>             handle() threw instead of returning a response
//   E <sequence count>      every frame was replayed
(function (args) {
  // A JSContext on iPhone lacks these; jsc defines some of them. Removing
  // them before core loads makes any use of them fail here as it would there.
  var hostOnly = [
    "setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask",
    "performance", "structuredClone", "TextDecoder", "TextEncoder", "console",
  ];
  for (var h = 0; h < hostOnly.length; h++) {
    try {
      delete globalThis[hostOnly[h]];
    } catch (ignored) {
      globalThis[hostOnly[h]] = undefined;
    }
  }

  load(args[0]);
  var file = readFile(args[1], "binary");
  var core = QueryableCore;

  var hexDigits = [];
  for (var b = 0; b < 256; b++) hexDigits.push((b < 16 ? "0" : "") + b.toString(16));

  function toHex(bytes) {
    var parts = new Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) parts[i] = hexDigits[bytes[i]];
    return parts.join("");
  }

  function readU32(offset) {
    if (offset + 4 > file.length) throw new Error("frame file truncated at byte " + offset);
    return (file[offset] | (file[offset + 1] << 8) | (file[offset + 2] << 16) | (file[offset + 3] << 24)) >>> 0;
  }

  var offset = 0;
  var sequence = 0;
  while (offset < file.length) {
    var frameCount = readU32(offset);
    offset += 4;
    print("S " + sequence);
    var instance = core.createCore();

    for (var f = 0; f < frameCount; f++) {
      var length = readU32(offset);
      offset += 4;
      if (offset + length > file.length) throw new Error("frame file truncated in frame " + f + " of sequence " + sequence);
      // slice, not subarray: core must not see the rest of the file.
      var frame = file.slice(offset, offset + length);
      offset += length;
      try {
        print("R " + toHex(instance.handle(frame)));
      } catch (thrown) {
        print("X " + String(thrown && thrown.message !== undefined ? thrown.message : thrown).replace(/\n/g, " "));
      }
    }
    sequence++;
  }
  print("E " + sequence);
})(arguments);
