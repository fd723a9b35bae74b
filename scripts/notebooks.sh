#!/usr/bin/env bash
# Runs the analyst notebooks in notebooks/*.ipynb top to bottom, headless, against the sample
# outputs, and fails on the first cell error. What it does:
#   1. installs Jupyter's nbconvert, nbclient and ipykernel from Debian's packages when missing;
#   2. builds the project and the Java kernel (notebooks/kernel) when their jars are missing;
#   3. writes the kernel's kernel.json under notebooks/target/jupyter (nothing goes to your own
#      Jupyter set-up);
#   4. runs `./headroom run` on the sample data when ./warehouse has no backlog yet;
#   5. executes every notebook into notebooks/target/executed/ (the committed ones stay clean).
#
#   scripts/notebooks.sh            install what is missing, then execute every notebook
#   scripts/notebooks.sh NAME...    execute only these notebooks (file names under notebooks/)
#   scripts/notebooks.sh --kernel   only install and write the kernel; prints how to open Jupyter
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/java-17-openjdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

run_as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
    echo "Cannot run $*: not root and no sudo" >&2; return 1; fi
}

# 1. Jupyter from Debian's packages (Debian's own python3, whatever python3 is first on PATH).
packages=()
for package in jupyter-nbconvert python3-nbclient python3-ipykernel; do
  dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
done
if [[ ${#packages[@]} -gt 0 ]]; then
  echo "Installing ${packages[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  run_as_root apt-get update -q || true
  run_as_root apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
jupyter=/usr/bin/jupyter

# 2. The jars the kernel runs with.
# The jobs jar as ./headroom finds it (not the shaded one), whatever the version.
jobs_jar="$(ls "$root"/jobs/target/headroom-jobs-*.jar 2>/dev/null | grep -v -- '-shaded\.jar$' | head -n 1 || true)"
kernel_jar="$root/notebooks/kernel/target/headroom-kernel.jar"
stale=""
if [[ -f "$jobs_jar" && -f "$kernel_jar" ]]; then
  stale="$(find jobs/src/main notebooks/kernel/src/main pom.xml jobs/pom.xml notebooks/kernel/pom.xml \
    -newer "$jobs_jar" -type f -print -quit 2>/dev/null || true)"
  [[ -z "$stale" ]] && stale="$(find notebooks/kernel/src/main -newer "$kernel_jar" -type f -print -quit 2>/dev/null || true)"
fi
if [[ -z "$jobs_jar" || ! -d jobs/target/lib || ! -f "$kernel_jar" || ! -d notebooks/kernel/target/lib || -n "$stale" ]]; then
  echo "Building Headroom and its Java kernel${stale:+ (sources changed since the last build)}..."
  ./mvnw -q -B -DskipTests package
  jobs_jar="$(ls "$root"/jobs/target/headroom-jobs-*.jar | grep -v -- '-shaded\.jar$' | head -n 1)"
fi

# 3. The kernel spec. The kernel JVM gets the project's classes and Spark on its classpath, the
#    --add-opens flags Spark 3.5 needs on Java 17 (the list in ./headroom), and loopback only.
jupyter_path="$root/notebooks/target/jupyter"
spec="$jupyter_path/kernels/java"
mkdir -p "$spec"
mapfile -t opens < <(sed -n '/^opens=(/,/^)/p' "$root/headroom" | grep -- '^ *-' | sed 's/^ *//')
python3 - "$spec/kernel.json" "$java" "$root" "$jobs_jar" "${opens[@]}" <<'EOF'
import json, sys
out, java, root, jobs_jar, opens = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
classpath = ":".join([
    f"{root}/notebooks/kernel/target/headroom-kernel.jar", f"{root}/notebooks/kernel/target/lib/*",
    jobs_jar, f"{root}/jobs/target/lib/*"])
spec = {
    "argv": [java, *opens, "-Xmx4g", f"-Dlog4j2.configurationFile={root}/conf/log4j2.properties",
             "-cp", classpath, "dev.headroom.kernel.KernelMain", "{connection_file}"],
    "display_name": "Java (Headroom)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"SPARK_LOCAL_IP": "127.0.0.1"},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=1)
EOF
export JUPYTER_PATH="$jupyter_path"
if [[ "${1:-}" == "--kernel" ]]; then
  echo "Kernel 'java' written to $spec/kernel.json. To open the notebooks in Jupyter:"
  echo "  JUPYTER_PATH=$jupyter_path jupyter notebook notebooks/"
  exit 0
fi

# 4. The sample outputs the notebooks read.
if [[ ! -d "$root/warehouse/backlog/_delta_log" ]]; then
  echo "No backlog under ./warehouse yet: running the pipeline on the sample data first"
  ./headroom run
fi

# 5. Execute. A cell error fails nbconvert, which fails this script.
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  mapfile -t names < <(cd notebooks && ls -1 *.ipynb)
fi
out="$root/notebooks/target/executed"
mkdir -p "$out"
for name in "${names[@]}"; do
  started=$SECONDS
  echo "Executing notebooks/$name"
  "$jupyter" nbconvert --to notebook --execute "notebooks/$name" --output-dir "$out" \
    --ExecutePreprocessor.kernel_name=java \
    --ExecutePreprocessor.timeout=1200 \
    --ExecutePreprocessor.startup_timeout=180
  echo "  notebooks/$name ran without a cell error in $((SECONDS - started)) s"
done
echo "Executed notebooks (with their outputs) are in notebooks/target/executed/"
