#!/usr/bin/env bash
# Scores fact questions on documents the bot has never seen, end to end: each document is uploaded through the admin
# API without metadata, the draft is published, and each question is asked through /api/messages in a fresh
# conversation (UnseenDocumentsTests). Prints, per document and in all, how many first messages stated the fact and
# cited the expected section, then every miss.
#
# usage: tests/unseen-documents/evaluate.sh [folder ...]
#   Each folder holds documents and a facts.jsonl of lines
#   {"doc": "file name", "q": "question", "facts": ["..."], "any": false, "section": "part of the heading"}.
#   Without folders: the two committed sets (tests/unseen-documents, tests/unseen-documents-b), in one knowledge base.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
folders=()
for folder in "$@"; do
  folders+=("$(cd "$folder" && pwd)")
done
CITYWARMTH_UNSEEN_DOCUMENTS=$(IFS=:; echo "${folders[*]:-}")
export CITYWARMTH_UNSEEN_DOCUMENTS
status=0
dotnet test "$root/tests/CityWarmth.Bot.Tests" --filter "FullyQualifiedName~UnseenDocumentsTests" \
  --logger "console;verbosity=detailed" > /tmp/unseen-documents-$$.log 2>&1 || status=$?
sed -E 's/^\[xUnit\.net [^]]*\] *//; s/^ +//' /tmp/unseen-documents-$$.log \
  | grep -E '^([^ ].*: n=[0-9]+ fact stated=|miss )' | awk '!seen[$0]++'
grep -E "^\s+(Passed|Failed) " /tmp/unseen-documents-$$.log || tail -20 /tmp/unseen-documents-$$.log
rm -f /tmp/unseen-documents-$$.log
exit $status
