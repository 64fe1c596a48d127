#!/bin/sh
# Packs the release binary into a platform wheel (the binary in the wheel's scripts, no Python
# code), so `pip install dist/scaletop-*.whl` puts `scaletop` on a virtual environment's PATH.
# Builds the binary first unless its path is given. Prints the wheel's path as its last line.
set -eu
cd "$(dirname "$0")/.."
binary=${1:-$(sh scripts/build-release.sh | tail -n 1)}
version=$("$binary" --version | awk '{print $2}')
# The newest glibc symbol version the binary needs sets the manylinux tag.
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_2\.[0-9]*' | sort -t. -k2 -n -u | tail -n 1 | cut -d. -f2)
machine=$(uname -m)
python3 - "$binary" "$version" "manylinux_2_${glibc}_${machine}" <<'PY'
import base64, hashlib, os, sys, zipfile
binary, version, platform = sys.argv[1:4]
tag = f"py3-none-{platform}"
name = f"scaletop-{version}-{tag}.whl"
info = f"scaletop-{version}.dist-info"
files = {
    f"scaletop-{version}.data/scripts/scaletop": (open(binary, "rb").read(), 0o755),
    f"{info}/METADATA": ((
        "Metadata-Version: 2.1\nName: scaletop\nVersion: " + version + "\n"
        "Summary: A terminal dashboard for scaling-law sweeps: loss against compute, the compute "
        "envelope, its power-law fit and the extrapolation to a target.\n"
        "Requires-Python: >=3.7\n").encode(), 0o644),
    f"{info}/WHEEL": ((
        "Wheel-Version: 1.0\nGenerator: scaletop scripts/build-wheel.sh\nRoot-Is-Purelib: false\n"
        f"Tag: {tag}\n").encode(), 0o644),
}
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
record = "".join(f"{path},{digest(data)},{len(data)}\n" for path, (data, _) in files.items())
record += f"{info}/RECORD,,\n"
files[f"{info}/RECORD"] = (record.encode(), 0o644)
os.makedirs("dist", exist_ok=True)
path = os.path.join("dist", name)
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
    for member, (data, mode) in files.items():
        entry = zipfile.ZipInfo(member, date_time=(2026, 1, 1, 0, 0, 0))
        entry.external_attr = (0o100000 | mode) << 16
        entry.compress_type = zipfile.ZIP_DEFLATED
        wheel.writestr(entry, data)
print(os.path.abspath(path))
PY
