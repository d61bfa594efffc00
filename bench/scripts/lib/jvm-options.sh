# Sourced by the benchmark scripts: jvm_options FILE appends the JVM options of one of the launcher's
# options files (scripts/server-jvm.options, scripts/agent-jvm.options) to the array `flags` and its
# NAME=VALUE lines to the array `flag_env`, so that a benchmark runs with what the launcher uses.
jvm_options() {
  local line
  while read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) ;; -*) flags+=("$line") ;; *=*) flag_env+=("$line") ;; esac
  done <"$1"
}
