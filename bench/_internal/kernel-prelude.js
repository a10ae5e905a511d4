// Evaluated before dist/queryable-core.js in every runtime, so core picks
// the kernel named in arguments[0]. Core prefers a host kernel
// (globalThis.QueryableHostKernel), then WebAssembly, then TypeScript, so
// hiding the globals above the wanted kernel selects it. Core is untouched:
// this is what a host without those globals would offer.
(function (kernel) {
  if (kernel !== "host") delete globalThis.QueryableHostKernel;
  if (kernel === "typescript") delete globalThis.WebAssembly;
})(arguments[0]);
