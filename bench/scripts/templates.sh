#!/usr/bin/env bash
# Jinja renders per second through TemplateEngine, one thread: template text with one variable (what
# the dispatcher renders for every action parameter), compiled templates with a variable, with
# filters and an if block, and without markup. Run through the dispatcher: bench/run templates
# [extra JMH options]; arguments replace the default run length (-f 1 -wi 3 -w 2s -i 5 -r 2s).
set -euo pipefail
: "${BENCH_JAR:?run through bench/run}" "${BENCH_JAVA:?run through bench/run}"
run=("$@")
[ ${#run[@]} -gt 0 ] || run=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -jar "$BENCH_JAR" 'dev.reflex.bench.TemplateBench' \
  -t 1 -rf csv -rff "$csv" "${run[@]}"
score() { awk -F, -v b="\"dev.reflex.bench.TemplateBench.$1\"" '$1 == b { printf "%.0f", $5 }' "$csv"; }
echo "templates: $(score renderText) renders/s of template text, $(score renderVariable) compiled, $(score renderFiltersAndIf) with filters and if, $(score renderLiteral) literal (1 thread)"
