# Sourced by the benchmark scripts: quiet_logback FILE [ROOT_LEVEL] [LOGGER=LEVEL …] writes a logback
# configuration to FILE that logs ROOT_LEVEL (default WARN) and above to stderr, with the given loggers
# at their own levels; pass it with -Dlogback.configurationFile=FILE. Debug logging from the libraries
# would skew the figures, and INFO lines per agent or execution would flood the output.
quiet_logback() {
  local file=$1 root=${2:-WARN}
  shift 2 2>/dev/null || shift $#
  {
    echo '<configuration>'
    echo '  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">'
    echo '    <target>System.err</target>'
    echo '    <encoder><pattern>%d %-5level %logger{24} - %msg%n</pattern></encoder>'
    echo '  </appender>'
    local l
    for l in "$@"; do echo "  <logger name=\"${l%%=*}\" level=\"${l#*=}\"/>"; done
    echo "  <root level=\"$root\"><appender-ref ref=\"STDERR\"/></root>"
    echo '</configuration>'
  } > "$file"
}
