"""Reference cleaning and pre-tokenizing of OpenAI CLIP's tokenizer, minus ftfy.

Reads a JSON array of strings on standard input and writes a JSON array with,
for each string, null when it has a code point that this Python's Unicode
data marks unassigned (its Unicode version may be older than the JavaScript
engine's, so letters added since would differ), else the list of words that CLIP's simple_tokenizer.py passes to
BPE: html.unescape twice, strip, collapse whitespace runs with the `regex`
module, strip, lower-case, then findall with CLIP's pattern. ftfy.fix_text
is left out because it is not installed here, so callers pass text that
ftfy would leave unchanged, or text already fixed.
"""
import html
import json
import sys
import unicodedata

import regex

PATTERN = regex.compile(
    r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
    regex.IGNORECASE,
)


def words(text):
    text = html.unescape(html.unescape(text)).strip()
    text = regex.sub(r"\s+", " ", text).strip().lower()
    return regex.findall(PATTERN, text)


def has_unassigned(text):
    return any(unicodedata.category(char) == "Cn" for char in text)


def main():
    texts = json.load(sys.stdin)
    json.dump([None if has_unassigned(text) else words(text) for text in texts], sys.stdout)


if __name__ == "__main__":
    main()
