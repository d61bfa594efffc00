package dev.reflex.runners.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in {@code sudo} for tests on machines without sudo (and where the tests run as root): a
 * shell script that records its arguments, reads the password from standard input when given
 * {@code -S} (refusing any but {@code right} with sudo's own messages), then runs the command.
 */
public final class FakeSudo {

    private FakeSudo() {
    }

    /** Writes {@code sudo} into {@code bin}; it logs its arguments to {@code bin/sudo.args}, the password to {@code bin/sudo.password}. */
    public static Path install(Path bin) throws IOException {
        Files.createDirectories(bin);
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, """
                #!/bin/sh
                here=$(dirname "$0")
                printf '%s\\n' "$@" > "$here/sudo.args"
                if [ "$1" = "-S" ]; then
                  shift
                  IFS= read -r pw
                  printf '%s' "$pw" > "$here/sudo.password"
                  if [ "$pw" != "right" ]; then
                    echo "[sudo] password for tester: " >&2
                    echo "sudo: 3 incorrect password attempts" >&2
                    exit 1
                  fi
                fi
                [ "$1" = "-E" ] && shift
                [ "$1" = "--" ] && shift
                exec "$@"
                """);
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        return sudo;
    }
}
