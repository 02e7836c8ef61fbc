# Shared by the scripts in this folder: paths, logging and the Maven build.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/doorbell.jar"
MODELS="$ROOT/models"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Builds target/doorbell.jar (JNI library and native bench included) when it is missing or
# older than the sources.
ensure_jar() {
    if [[ -f "$JAR" && -z "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit)" ]]; then
        return
    fi
    say "Building Doorbell (mvn package; the first build takes a few minutes)..."
    (cd "$ROOT" && mvn -B -q -DskipTests package) || die "the Maven build failed (see above)"
}
