# Shared by the scripts in this folder: paths, logging, the JDK and the Maven build.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/doorbell.jar"
MODELS="$ROOT/models"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The major version of the given java executable (8 for 1.8), or 0 if it does not run: from
# the JDK's release file (no JVM start, which takes seconds on a Nano), else by asking it.
java_major() {
    local home v=""
    home="$(dirname "$(dirname "$(readlink -f "$1")")")"
    [[ -f "$home/release" ]] && v="$(sed -n 's/^JAVA_VERSION="\([0-9._]*\).*/\1/p' "$home/release")"
    [[ -n "$v" ]] || v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
    v="${v#1.}"
    v="${v%%[._]*}"
    [[ "$v" =~ ^[0-9]+$ ]] && printf '%s\n' "$v" || printf '0\n'
}

# Puts a JDK 17 or later first on PATH: JAVA_HOME if set, else the java on PATH, else the
# distribution's OpenJDK 17 (Ubuntu 18.04's default java is 11). Sets JAVA_HOME.
use_jdk17() {
    local java home candidate
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        java="$JAVA_HOME/bin/java"
    else
        java="$(command -v java || true)"
    fi
    if [[ -z "$java" || "$(java_major "$java")" -lt 17 ]]; then
        java=""
        for candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java /usr/lib/jvm/*17*/bin/java; do
            [[ -x "$candidate" ]] && { java="$candidate"; break; }
        done
    fi
    [[ -n "$java" ]] || return 1
    home="$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)"
    export JAVA_HOME="$home"
    case ":$PATH:" in *":$home/bin:"*) ;; *) export PATH="$home/bin:$PATH" ;; esac
}
use_jdk17 || true

# JavaCPP links the JNI library on linux-arm64 with -mno-outline-atomics, an option GCC 7
# (Ubuntu 18.04, JetPack 4.6) may not know. Ask g++ (the compiler JavaCPP runs); if it refuses,
# build with JavaCPP 1.5.14's linux-arm64 link options minus that one (this system property
# overrides the platform property of the same name; keep it in step with javacpp.version).
javacpp_options() {
    [[ "$(uname -m)" == aarch64 ]] || return 0
    if ! printf 'int main(){return 0;}\n' | g++ -x c++ -mno-outline-atomics -o /dev/null - >/dev/null 2>&1; then
        printf '%s\n' "-Dorg.bytedeco.javacpp.platform.compiler.output=-Wl,-rpath,\$ORIGIN/ -Wl,-z,noexecstack -Wl,-Bsymbolic -Wall -fPIC -pthread -shared -o "
    fi
}

# mvn ARGS...: the pinned Maven (./mvnw, fetched from Maven Central on first use).
mvn() {
    local opts=()
    mapfile -t opts < <(javacpp_options)
    (cd "$ROOT" && ./mvnw "${opts[@]}" "$@")
}

# Builds target/doorbell.jar (JNI library and native bench included) when it is missing or
# older than the sources.
ensure_jar() {
    if [[ -f "$JAR" && -z "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit)" ]]; then
        return
    fi
    say "Building Doorbell (Maven package; the first build takes a few minutes)..."
    mvn -B -q -ntp -DskipTests package || die "the Maven build failed (see above)"
}
