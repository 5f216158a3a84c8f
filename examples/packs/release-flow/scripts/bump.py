"""Process handler for release-flow/version_bump: JSON on stdin, JSON on stdout, exit 0 on success."""
import json
import sys

request = json.load(sys.stdin)
major, minor, patch = (int(part) for part in request["version"].split("."))
if request["part"] == "major":
    major, minor, patch = major + 1, 0, 0
elif request["part"] == "minor":
    minor, patch = minor + 1, 0
else:
    patch += 1
json.dump({"version": f"{major}.{minor}.{patch}"}, sys.stdout)
