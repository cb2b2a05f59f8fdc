"""The deployment files hold together without Docker or a cluster: the Kubernetes manifests pass the
Kubernetes schemas (kubernetes-validate, whose schemas ship in the package: nothing is downloaded),
compose.yaml passes the Compose specification's schema (vendored by check-jsonschema) and says what the
README promises, the proxy's config passes ``haproxy -c``, and the CSP lets the installed Streamlit run.

Docker itself is not available on the machines that run these tests, so the image is not built here;
what can be read from the Dockerfile is checked instead.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.machinery
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
KUBERNETES_VERSION = "1.30.0"  # the oldest Kubernetes the manifests promise (lifecycle.preStop.sleep)


@pytest.fixture
def offline(monkeypatch):
    """No network: a validator that reached for a schema online would fail here."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def manifests() -> dict[str, dict]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    return {name: yaml.safe_load((K8S / name).read_text()) for name in kustomization["resources"]}


def csp_of_haproxy() -> str:
    match = re.search(r'set-header Content-Security-Policy "([^"]+)"', (DEPLOY / "haproxy.cfg").read_text())
    assert match
    return match.group(1)


# --- Kubernetes ---


def test_every_manifest_in_the_folder_is_in_the_kustomization():
    listed = set(manifests())
    on_disk = {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk


@pytest.mark.parametrize("version", [KUBERNETES_VERSION, "1.37.0"])
def test_the_manifests_pass_the_kubernetes_schemas_strictly_and_offline(offline, version):
    import kubernetes_validate

    for name, resource in manifests().items():
        # strict: a misspelled field is an error, not ignored
        kubernetes_validate.validate(resource, version, strict=True)
        assert resource["metadata"]["name"] == "softmax-lab", name


def test_the_schema_check_catches_a_misspelled_field(offline):
    import kubernetes_validate

    deployment = manifests()["deployment.yaml"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"httpGett": {"path": "/"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_the_deployment_probes_the_health_endpoint_with_limits_and_as_a_user():
    deployment = manifests()["deployment.yaml"]
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}, probe
    assert set(container["resources"]) == {"requests", "limits"}
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    secret = next(e for e in container["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET")
    assert secret["valueFrom"]["secretKeyRef"] == {"name": "softmax-lab", "key": "cookie-secret"}
    labels = deployment["spec"]["selector"]["matchLabels"]
    assert manifests()["service.yaml"]["spec"]["selector"] == labels
    assert manifests()["pdb.yaml"]["spec"]["selector"]["matchLabels"] == labels


def test_the_ingress_keeps_a_tab_on_its_pod_by_cookie_with_long_websockets_and_the_proxys_headers():
    ingress = manifests()["ingress.yaml"]
    annotations = ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "affinity"] == "cookie"
    assert annotations[prefix + "session-cookie-name"] == "softmax_replica"
    assert int(annotations[prefix + "proxy-read-timeout"]) >= 3600
    assert annotations[prefix + "proxy-body-size"] == "1m"
    assert "sessionAffinity" not in manifests()["service.yaml"]["spec"]  # not by client IP
    # The same CSP as the proxy's (frame-ancestors is each one's own setting).
    snippet = annotations[prefix + "configuration-snippet"]
    ingress_csp = re.search(r'"Content-Security-Policy: ([^"]+)"', snippet).group(1)

    def without_ancestors(csp: str) -> str:
        return csp.rsplit("; frame-ancestors", 1)[0]

    assert without_ancestors(ingress_csp) == without_ancestors(csp_of_haproxy())
    for header in ("X-Content-Type-Options: nosniff", "Referrer-Policy: strict-origin-when-cross-origin"):
        assert header in snippet


def test_the_autoscaler_scales_the_deployment_and_keeps_two_replicas():
    hpa = manifests()["hpa.yaml"]["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "softmax-lab"}
    assert hpa["minReplicas"] >= 2 and hpa["maxReplicas"] > hpa["minReplicas"]


# --- compose and the Dockerfile ---


def test_compose_passes_the_compose_specification_offline():
    # check-jsonschema's vendored copy of the Compose specification's schema.
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec"]
    checked = subprocess.run([*command, str(ROOT / "compose.yaml")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_compose_runs_replicas_behind_the_proxy_with_one_shared_secret():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    assert app["build"] == "." and app["deploy"]["replicas"] >= 2
    assert "ports" not in app  # only the proxy is published
    # Required, the same for every replica, and never a default written in the file.
    assert re.fullmatch(
        r"\$\{SOFTMAX_COOKIE_SECRET:\?.+\}", app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]
    )
    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    (mount,) = proxy["volumes"]
    source, target, mode = mount.split(":")
    assert (ROOT / source).resolve() == DEPLOY / "haproxy.cfg" and mode == "ro"
    assert target == "/usr/local/etc/haproxy/haproxy.cfg"  # where the official image reads it
    assert proxy["environment"]["SOFTMAX_REPLICA_HOST"] == "app"
    assert proxy["image"].startswith("haproxy:2.6")


def test_the_dockerfile_builds_a_slim_non_root_image_with_a_health_check_and_no_dev_tools():
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = [line.split(None, 1) for line in dockerfile.splitlines() if line and line[0].isupper()]
    assert instructions[0][0] == "FROM" and "-slim" in instructions[0][1]
    assert ["USER", "softmax"] in instructions
    assert instructions.index(["USER", "softmax"]) < next(
        i for i, (word, _) in enumerate(instructions) if word == "CMD"
    )
    healthcheck = next(rest for word, rest in instructions if word == "HEALTHCHECK")
    assert "/_stcore/health" in dockerfile.split("HEALTHCHECK", 1)[1].split('CMD ["python", "deploy', 1)[0]
    assert "--interval" in healthcheck
    assert "requirements-dev" not in dockerfile.replace("no requirements-dev.txt", "")
    assert 'CMD ["python", "deploy/serve.py"]' in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"tests", "benchmarks", "requirements-dev.txt", ".git", "deploy/*", "!deploy/serve.py"} <= set(
        ignored
    )
    assert not any(line.startswith(".streamlit") for line in ignored)  # the config is baked in


# --- the proxy ---


def _require_haproxy() -> None:
    if Path(HAPROXY).exists():
        return
    message = "haproxy is missing: install Debian's haproxy (apt-get install -y haproxy)."
    if os.environ.get("CI"):
        pytest.fail(message + " CI checks the proxy's config and must not skip it.")
    pytest.skip(message)


def test_the_proxy_config_is_valid_for_compose_and_for_the_local_cluster(tmp_path):
    _require_haproxy()
    env = dict(os.environ, SOFTMAX_PROXY_BIND=":8080", SOFTMAX_PROXY_COOKIE_KEY="k")
    checked = subprocess.run([HAPROXY, "-c", "-f", str(DEPLOY / "haproxy.cfg")], env=env, capture_output=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    loader = importlib.machinery.SourceFileLoader("local_cluster", str(DEPLOY / "local-cluster"))
    cluster = importlib.util.module_from_spec(importlib.util.spec_from_loader("local_cluster", loader))
    loader.exec_module(cluster)
    rendered = cluster.haproxy_config(
        [{"name": "replica1", "port": 40001}, {"name": "replica2", "port": 40002}]
    )
    assert not [line for line in rendered.splitlines() if line.strip().startswith("server-template")]
    assert "    server replica1 127.0.0.1:40001\n    server replica2 127.0.0.1:40002\n" in rendered
    (tmp_path / "haproxy.cfg").write_text(rendered)
    checked = subprocess.run(
        [HAPROXY, "-c", "-f", str(tmp_path / "haproxy.cfg")], env=env, capture_output=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_proxy_affinity_is_a_cookie_and_websockets_may_idle_for_a_lecture():
    config = (DEPLOY / "haproxy.cfg").read_text()
    directives = [line.split("#", 1)[0].strip() for line in config.splitlines()]
    assert any(d.startswith("cookie softmax_replica insert") for d in directives)
    assert not any(d.startswith(("balance source", "hash-type", "stick on src")) for d in directives)
    tunnel = next(d for d in directives if d.startswith("timeout tunnel"))
    assert tunnel.endswith("h") and int(tunnel.split()[-1][:-1]) >= 1
    assert "option redispatch 1" in directives and "http-response set-header X-Replica %s" in directives


def test_the_csp_allows_exactly_the_inline_scripts_of_the_installed_streamlit():
    # Streamlit's index.html carries inline scripts; the CSP names each by its hash instead of allowing
    # 'unsafe-inline'. A Streamlit upgrade that changes one fails here, not in the users' consoles.
    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    inline = [
        body for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", index, re.S) if body.strip()
    ]
    assert inline, "Streamlit's index.html has no inline script any more: drop the hash from the CSP"
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in inline
    }
    csp = csp_of_haproxy()
    script_src = next(part.split()[1:] for part in csp.split("; ") if part.startswith("script-src "))
    assert hashes == {source for source in script_src if source.startswith("'sha256-")}
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
