#!/usr/bin/env bash
# Runs the whole pipeline on a real photo library: fetches about 2,400
# images from Debian packages, gets CLIP ViT-B/32 (or, when it cannot be
# downloaded, builds the colour test model), indexes the images and searches
# them. Everything it writes goes under QUERYABLE_DEMO_DIR (default
# .cache/demo in the repository); it never touches your own index.
#
# Usage: scripts/demo.sh   (run `npm ci` first; `npm run demo` builds and runs it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo_dir="${QUERYABLE_DEMO_DIR:-$root/.cache/demo}"
photos="$demo_dir/sample-photos"
index="$demo_dir/index"
real_model="$demo_dir/clip-vit-b32"
test_model="$demo_dir/colour-test-model"
queryable=(node "$root/bin/queryable.mjs")

# Prefixes every line of a command's output, and every line this script
# prints, so output of the colour test model can never be mistaken for real
# CLIP results.
label=""
labelled() {
  local status=0
  "$@" 2>&1 | sed -u "s/^/$label/" || status=$?
  return "$status"
}
say() {
  echo "$label$*"
}

mkdir -p "$demo_dir"
[ -f "$root/dist/cli.mjs" ] || (cd "$root" && node build.mjs)

echo "== Sample photos: $photos"
"$root/scripts/fetch-sample-photos.sh" "$photos"

echo "== Model: CLIP ViT-B/32 in $real_model"
if "${queryable[@]}" models fetch --dest "$real_model"; then
  model_dir="$real_model"
  queries=("a photo of a dog" "a city street at night" "a handwritten page" "a mountain landscape")
else
  label="[colour test model] "
  say "CLIP ViT-B/32 could not be downloaded (reason above), so this run uses"
  say "the colour test model instead. It embeds mean colours only: it proves"
  say "that decoding, preprocessing, tokenizer, encoders, index and ranking are"
  say "wired right, not that search understands photos. Every line from here"
  say "on starts with [colour test model]."
  labelled node "$root/dist/test-model.mjs" "$test_model"
  model_dir="$test_model"
  queries=("red" "blue" "green" "yellow")
fi

run() {
  labelled "${queryable[@]}" --index "$index" --model-dir "$model_dir" "$@"
}

say "== Indexing $photos into $index"
run index "$photos"
run status

for query in "${queries[@]}"; do
  say "== Search: \"$query\""
  run search "$query" --top 5
done

page="$demo_dir/results.html"
run search "${queries[0]}" --top 24 --html "$page"
say "== Open $page in a browser to see the photos behind the first search."
