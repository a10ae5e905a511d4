// Runs inside a jsc-style shell (Debian's jsc or tests/support/node-shell.mjs)
// for bench/tokenizer.mjs: loads dist/queryable-core.js, replays prepared
// request frames and prints one JSON line of timings in milliseconds.
//
//   jsc [--useJIT=false] tokenizer-shell.js -- BUNDLE FRAMES_DIR LOADS ROUNDS
//
// FRAMES_DIR contains load-FORM.bin (LoadVocabulary requests, one per input
// form in LOAD_FORMS) and query-N.bin (Tokenize requests with one query
// each), written by bench/tokenizer.mjs. LOADS loads of each form are timed.
(function (args) {
  load(args[0]);
  var directory = args[1];
  var loads = Number(args[2]);
  var rounds = Number(args[3]);
  var LOAD_FORMS = ["bpe_txt", "bpe_gz", "pair"];
  var loadFrames = {};
  for (var f = 0; f < LOAD_FORMS.length; f++) loadFrames[LOAD_FORMS[f]] = readFile(directory + "/load-" + LOAD_FORMS[f] + ".bin", "binary");
  var queries = [];
  for (var i = 0; readFileExists(directory + "/query-" + i + ".bin"); i++) queries.push(readFile(directory + "/query-" + i + ".bin", "binary"));

  function readFileExists(path) {
    try {
      readFile(path, "binary");
      return true;
    } catch (missing) {
      return false;
    }
  }

  // After a one-byte request id field, byte 2 of an error response is the tag
  // of field 9 (0x4a). A success has a result field tag there instead.
  function check(response, requestName) {
    if (response.length > 2 && response[2] === 0x4a) throw new Error(requestName + " returned an error response");
  }

  function timeOnce(core, frame, requestName) {
    var start = preciseTime();
    var response = core.handle(frame);
    var elapsed = (preciseTime() - start) * 1000;
    check(response, requestName);
    return elapsed;
  }

  // Each load gets a fresh core, so no form reuses another's vocabulary.
  var loadTimes = {};
  var core = null;
  for (var l = 0; l < loads; l++) {
    for (var g = 0; g < LOAD_FORMS.length; g++) {
      var form = LOAD_FORMS[g];
      core = QueryableCore.createCore();
      (loadTimes[form] = loadTimes[form] || []).push(timeOnce(core, loadFrames[form], "LoadVocabulary " + form));
    }
  }

  // First pass: every word is new to the BPE cache. Later passes hit it.
  var coldTimes = [];
  for (var q = 0; q < queries.length; q++) coldTimes.push(timeOnce(core, queries[q], "Tokenize"));
  var warmTimes = [];
  for (var r = 0; r < rounds; r++) {
    for (var w = 0; w < queries.length; w++) warmTimes.push(timeOnce(core, queries[w], "Tokenize"));
  }

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.floor(sorted.length / 2)];
  }
  var loadMs = {};
  for (var m = 0; m < LOAD_FORMS.length; m++) loadMs[LOAD_FORMS[m]] = median(loadTimes[LOAD_FORMS[m]]);
  print(JSON.stringify({ loadMs: loadMs, coldQueryMs: median(coldTimes), warmQueryMs: median(warmTimes), queries: queries.length }));
})(arguments);
