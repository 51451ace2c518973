#!/usr/bin/env bash
# Policy-matching benchmark: `gaoxin match` against the Python peers on the same workload.
#
# Run from the repository root:   bash Scripts/bench-match.sh
#
# It builds `gaoxin` in release (with the Swift libraries linked in statically), makes a throw-away venv, installs json-logic-qubit (the JSONLogic
# reference family) and openfisca-core 46.0.1 (skipped with a note if pip cannot get it), generates
# the workload with shared/bench/gen.py, runs every peer and gaoxin on it, fails unless all outputs
# are byte-identical, and prints the times and ratios. Finally it measures rule evaluations per
# second on one core with gaoxin's benchmarking flags (hidden from --help):
#
#   gaoxin match --enterprises E --policies P --out O --threads 1 --repeat K --stats
#
# --threads 1 evaluates on one core, --repeat K evaluates the whole batch K times (the output is
# written once), --stats prints phase times and `evaluations_per_second=…` to stderr. The timed
# runs use --stats too (it costs one line on stderr), and the script prints the phases of the
# median run: process start, read, compile, parse, evaluate, sort+write, exit; then the floor on
# this machine (an empty process, reading the input once).
#
# Environment (all optional):
#   BENCH_DIR      folder with gen.py and the peers (default: ../shared/bench from the repo root)
#   N_ENTERPRISES  (default 10000)   N_POLICIES (default 100)
#   RUNS           timed runs of gaoxin and the openfisca peer; the median is reported (default 5)
#   REPEAT         K for the one-core evaluation rate (default 20)
#   MIN_RATIO      fail when gaoxin is not this many times faster than peer_jsonlogic_py (default 50)
#   MIN_OPENFISCA_RATIO  the target against peer_openfisca, reported as met or not (default 20)
#   GAOXIN_BIN     use this binary instead of building (any binary with the `match` subcommand)
set -euo pipefail

ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-"$ROOT/../shared/bench"}
N_ENTERPRISES=${N_ENTERPRISES:-10000}
N_POLICIES=${N_POLICIES:-100}
RUNS=${RUNS:-5}
REPEAT=${REPEAT:-20}
MIN_RATIO=${MIN_RATIO:-50}
MIN_OPENFISCA_RATIO=${MIN_OPENFISCA_RATIO:-20}

[ -f "$BENCH_DIR/gen.py" ] || { echo "找不到 $BENCH_DIR/gen.py（请在仓库根目录运行，或设置 BENCH_DIR）" >&2; exit 2; }
[ -f "$ROOT/Package.swift" ] || { echo "请在仓库根目录运行（这里没有 Package.swift）" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-match.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Seconds since the epoch with fractions: bash 5's clock costs nothing; `date` costs a fork.
now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }
minus() { python3 -c "print(f'{$1 - $2:.4f}')"; }
median() { python3 -c 'import sys, statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.4f}")' "$@"; }
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }

echo "== 构建 gaoxin（release）"
if [ -n "${GAOXIN_BIN:-}" ]; then
    GAOXIN=$GAOXIN_BIN
    echo "使用 GAOXIN_BIN=$GAOXIN"
else
    # Linked with the Swift runtime and Foundation inside the binary: a dynamically linked Swift
    # program spends milliseconds binding symbols at every start, which at 30 ms is a third of it.
    swift build -c release --product gaoxin --static-swift-stdlib
    GAOXIN="$(swift build -c release --product gaoxin --static-swift-stdlib --show-bin-path)/gaoxin"
fi

echo "== 准备 Python 环境（$WORK/venv）"
python3 -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check json-logic-qubit
HAVE_OPENFISCA=1
if ! "$PY" -m pip install --quiet --disable-pip-version-check "openfisca-core==46.0.1"; then
    HAVE_OPENFISCA=0
    echo "注意：pip 无法安装 openfisca-core==46.0.1，跳过 OpenFisca 对照。"
fi

echo "== 生成负载：$N_ENTERPRISES 家企业 × $N_POLICIES 条政策"
python3 "$BENCH_DIR/gen.py" "$N_ENTERPRISES" "$N_POLICIES" "$WORK/w"
E="$WORK/w/enterprises.jsonl"
P="$WORK/w/policies.json"

echo "== peer_jsonlogic_py"
t0=$(now)
"$PY" "$BENCH_DIR/peer_jsonlogic_py.py" "$WORK/w" "$WORK/peer_py.tsv" >/dev/null
t1=$(now)
T_PY=$(minus "$t1" "$t0")
echo "用时 ${T_PY}s"

T_OF=""
if [ "$HAVE_OPENFISCA" = 1 ]; then
    echo "== peer_openfisca（$RUNS 次取中位数）"
    times=()
    for _ in $(seq "$RUNS"); do
        t0=$(now)
        "$PY" "$BENCH_DIR/peer_openfisca.py" "$WORK/w" "$WORK/peer_of.tsv" >/dev/null 2>"$WORK/of.err"
        t1=$(now)
        times+=("$(minus "$t1" "$t0")")
    done
    T_OF=$(median "${times[@]}")
    echo "用时 ${T_OF}s（$(tr '\n' ' ' <"$WORK/of.err")）"
fi

echo "== gaoxin match（$RUNS 次取中位数）"
# Each run is told when it was launched (GAOXIN_LAUNCHED_AT), so its --stats line can say how long
# the process took to start; what is left of the wall time after that and the run itself is exit.
times=()
for i in $(seq "$RUNS"); do
    t0=$(now)
    GAOXIN_LAUNCHED_AT=$t0 "$GAOXIN" match --enterprises "$E" --policies "$P" --out "$WORK/gaoxin.tsv" --stats \
        2>"$WORK/gx.$i.err"
    t1=$(now)
    times+=("$(minus "$t1" "$t0")")
    echo "$(minus "$t1" "$t0") $i" >>"$WORK/gx.runs"
done
T_GX=$(median "${times[@]}")
echo "用时 ${T_GX}s"
# The phases of the median run.
MEDIAN_RUN=$(sort -n "$WORK/gx.runs" | sed -n "$(((RUNS + 1) / 2))p" | cut -d' ' -f2)
STATS=$(cat "$WORK/gx.$MEDIAN_RUN.err")
field() { echo "$STATS" | grep -o "$1=[0-9.?]*" | cut -d= -f2; }
echo "中位那次的分段（秒）：进程启动 $(field start_s)，读文件 $(field read_s)，解析并编译政策 $(field compile_s)，解析企业 $(field parse_s)，求值 $(field eval_s)，排序并写出 $(field sort+write_s)，进程退出 $(python3 -c "print(f'{$T_GX - $(field start_s) - $(field total_s):.4f}')" 2>/dev/null || echo '?')"

# What no program can beat on this machine: starting a process that does nothing, and reading
# the input once (cat), each the median of RUNS.
times=()
for _ in $(seq "$RUNS"); do
    t0=$(now)
    /bin/true
    t1=$(now)
    times+=("$(minus "$t1" "$t0")")
done
T_TRUE=$(median "${times[@]}")
times=()
for _ in $(seq "$RUNS"); do
    t0=$(now)
    cat "$E" "$P" >/dev/null
    t1=$(now)
    times+=("$(minus "$t1" "$t0")")
done
T_CAT=$(median "${times[@]}")
echo "本机下限：启动一个空进程（/bin/true）${T_TRUE}s，读一遍输入（cat）${T_CAT}s"

echo "== 核对输出"
cmp "$WORK/peer_py.tsv" "$WORK/gaoxin.tsv" || { echo "失败：gaoxin 与 peer_jsonlogic_py 的输出不同" >&2; exit 1; }
if [ "$HAVE_OPENFISCA" = 1 ]; then
    cmp "$WORK/peer_of.tsv" "$WORK/gaoxin.tsv" || { echo "失败：gaoxin 与 peer_openfisca 的输出不同" >&2; exit 1; }
fi
echo "输出完全相同（$(wc -l <"$WORK/gaoxin.tsv") 行）"

echo "== 单核求值速度（--threads 1 --repeat $REPEAT --stats）"
"$GAOXIN" match --enterprises "$E" --policies "$P" --out "$WORK/one.tsv" --threads 1 --repeat "$REPEAT" --stats 2>"$WORK/stats.txt"
cat "$WORK/stats.txt"
cmp "$WORK/one.tsv" "$WORK/gaoxin.tsv" || { echo "失败：单核输出与多核输出不同" >&2; exit 1; }
EPS=$(grep -o 'evaluations_per_second=[0-9]*' "$WORK/stats.txt" | cut -d= -f2)

echo
echo "== 结果（$N_ENTERPRISES × $N_POLICIES，端到端，含进程启动与读写文件）"
printf '%-22s %10s %12s\n' "程序" "用时(s)" "gaoxin 快"
printf '%-22s %10s %12s\n' "peer_jsonlogic_py" "$T_PY" "$(ratio "$T_PY" "$T_GX")×"
if [ -n "$T_OF" ]; then
    printf '%-22s %10s %12s\n' "peer_openfisca" "$T_OF" "$(ratio "$T_OF" "$T_GX")×"
fi
printf '%-22s %10s\n' "gaoxin match" "$T_GX"
echo "单核规则求值：${EPS} 次/秒"
if [ -n "$T_OF" ]; then
    OF_OK=$(python3 -c "print(1 if $T_OF / $T_GX >= $MIN_OPENFISCA_RATIO else 0)")
    if [ "$OF_OK" = 1 ]; then
        echo "相对 peer_openfisca 达到 ${MIN_OPENFISCA_RATIO}× 的目标"
    else
        echo "注意：相对 peer_openfisca 不足 ${MIN_OPENFISCA_RATIO}×（目标）"
    fi
fi

OK=$(python3 -c "print(1 if $T_PY / $T_GX >= $MIN_RATIO else 0)")
if [ "$OK" != 1 ]; then
    echo "失败：相对 peer_jsonlogic_py 不足 ${MIN_RATIO}×" >&2
    exit 1
fi
