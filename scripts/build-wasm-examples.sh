#!/usr/bin/env bash
# Rebuilds the example and adversarial wasm handlers under examples/handlers/ from their sources.
#
# The .wasm files are checked in next to their sources so that tests need no compiler.
#   scripts/build-wasm-examples.sh           rebuild every module in place
#   scripts/build-wasm-examples.sh --check   rebuild into a temporary directory and fail if any
#                                            checked-in module differs (for CI)
#
# Needs Debian's clang-14, lld-14, wasi-libc and libclang-rt-14-dev-wasm32 for the C sources and
# wabt's wat2wasm for the .wat sources:
#   apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 wabt
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
handlers="$root/examples/handlers"
check=0
if [[ "${1:-}" == "--check" ]]; then check=1; fi

cc="${CC_WASM:-clang-14}"
sysroot="${WASI_SYSROOT:-/usr}"
for tool in "$cc" wat2wasm; do
    command -v "$tool" >/dev/null || { echo "error: '$tool' not found; install clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32 and wabt" >&2; exit 1; }
done
[[ -f "$sysroot/lib/wasm32-wasi/libc.a" ]] || { echo "error: wasi-libc not found under '$sysroot'; install wasi-libc or set WASI_SYSROOT" >&2; exit 1; }

out_dir="$handlers"
if (( check )); then out_dir="$(mktemp -d)"; trap 'rm -rf "$out_dir"' EXIT; fi

# Deterministic output: no debug info, stripped names, fixed paths in the command line.
cflags=(--target=wasm32-wasi "--sysroot=$sysroot" -O2 -Wall -Wextra -Werror -ffile-prefix-map="$root"=.)
ldflags=(-Wl,--strip-all)

status=0
cd "$handlers"
while IFS= read -r -d '' source; do
    relative="${source#./}"
    target="$out_dir/${relative%.*}.wasm"
    mkdir -p "$(dirname "$target")"
    case "$source" in
        *.c) "$cc" "${cflags[@]}" -o "$target" "$source" "${ldflags[@]}" ;;
        *.wat) wat2wasm "$source" -o "$target" ;;
    esac
    if (( check )); then
        if ! cmp -s "$target" "$handlers/${relative%.*}.wasm"; then
            echo "out of date: examples/handlers/${relative%.*}.wasm; run scripts/build-wasm-examples.sh" >&2
            status=1
        fi
    else
        echo "built examples/handlers/${relative%.*}.wasm ($(wc -c < "$target") bytes)"
    fi
done < <(find . -path ./include -prune -o \( -name '*.c' -o -name '*.wat' \) -print0 | sort -z)

# Example packs carry copies of the modules they use (a pack may not reach outside its folder).
for module in json_transform text_stats files tally; do
    copy="$root/examples/packs/text-tools/handlers/$module.wasm"
    if (( check )); then
        cmp -s "$handlers/$module.wasm" "$copy" || { echo "out of date: $copy; run scripts/build-wasm-examples.sh" >&2; status=1; }
    else
        mkdir -p "$(dirname "$copy")" && cp "$handlers/$module.wasm" "$copy"
    fi
done
exit $status
