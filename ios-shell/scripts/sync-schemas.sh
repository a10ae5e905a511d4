#!/bin/sh
# Copies schemas/queryable/v1/*.proto into the QueryableSchema target, where
# SwiftProtobufPlugin expects them (beside swift-protobuf-config.json).
# tests/ios-shell/schema-copies.test.ts fails while the copies differ.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
source_dir="$here/../../schemas/queryable/v1"
target_dir="$here/../Sources/QueryableSchema/queryable/v1"
mkdir -p "$target_dir"
cp "$source_dir"/*.proto "$target_dir"/
echo "copied $(ls "$source_dir"/*.proto | wc -l | tr -d ' ') schema files to $target_dir"
