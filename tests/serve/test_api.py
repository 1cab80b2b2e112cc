"""``POST /api/check`` against a real server: findings, limits, hostile uploads, concurrency."""
from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from gen.build import content_from_seed, to_docx

MAX_BYTES = 1024 * 1024  # as the server fixture configures it (conftest.py)

SEEDS = Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("docx") / "004.docx"
    to_docx(content_from_seed(str(next(SEEDS.glob("004_*.txt")))), str(path))
    return path.read_bytes()


def _post(server, files, timeout=60) -> httpx.Response:
    return httpx.post(server.url + "/api/check", files=files, timeout=timeout)


def test_findings_and_report_metadata(server, seed_docx):
    r = _post(server, [("files", ("红旗区科学技术局2022年报.docx", seed_docx)),
                       ("files", ("seed003.txt", next(SEEDS.glob("003_*.txt")).read_bytes()))])
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    meta = {m["filename"]: m for m in body["reports"]}
    doc = meta["红旗区科学技术局2022年报.docx"]
    assert (doc["issuer"], doc["year"], doc["template"], doc["kind"]) == ("红旗区科学技术局", 2022, "2021", "docx")
    codes = sorted(f["code"] for f in body["findings"] if f["filename"] == "红旗区科学技术局2022年报.docx")
    assert codes == ["GL301", "GL605", "GL606"]
    assert doc["findings"] == 3 and doc["counts"] == {"error": 1, "warning": 2, "info": 0}
    assert [f["code"] for f in body["findings"] if f["filename"] == "seed003.txt"] == ["GL123"]
    f605 = next(f for f in body["findings"] if f["code"] == "GL605")
    assert f605["where"].startswith("第") and f605["where"].endswith("段")
    assert set(f605) >= {"code", "name", "severity", "message", "filename", "location", "hint", "url"}
    assert body["summary"] == "共检查 2 个文件，发现 4 个问题（错误 2，警告 2，提示 0）"


def test_a_malformed_file_gets_the_same_gl9xx_as_the_cli(server, tmp_path):
    from govlint.runner import RunOptions, check_file

    junk = b"PK\x03\x04 this is not a zip at all"
    (tmp_path / "坏文件.docx").write_bytes(junk)
    cli = check_file(str(tmp_path / "坏文件.docx"), RunOptions())
    r = _post(server, [("files", ("坏文件.docx", junk)), ("files", ("空.txt", b""))])
    assert r.status_code == 200
    got = {f["filename"]: (f["code"], f["message"]) for f in r.json()["findings"]}
    assert got["坏文件.docx"] == (cli.diagnostics[0].code, cli.diagnostics[0].message) == (
        "GL901", "不是有效的 .docx（ZIP）文件")
    assert got["空.txt"][0] == "GL901"


def test_oversize_upload_is_413_with_a_clear_message(server):
    r = _post(server, [("files", ("大.txt", b"x" * (MAX_BYTES + 1)))])
    assert r.status_code == 413
    assert r.json()["error"] == "文件“大.txt”超过大小上限 1 MB"
    huge = b"0" * (25 * MAX_BYTES)  # over the whole request's limit: refused as it arrives
    r = _post(server, [("files", ("巨大.txt", huge))])
    assert r.status_code == 413 and "上传内容过大" in r.json()["error"]
    assert httpx.get(server.url + "/healthz", timeout=5).json()["status"] == "ok"


def test_zip_bomb_is_gl908_and_the_server_still_answers(server, seed_docx):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:  # 200 MB of zeros, a few hundred KB packed
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                fh.write(chunk)
    bomb = buf.getvalue()
    assert len(bomb) < MAX_BYTES
    r = _post(server, [("files", ("炸弹.docx", bomb)), ("files", ("好.docx", seed_docx))])
    assert r.status_code == 200
    by_file = {}
    for f in r.json()["findings"]:
        by_file.setdefault(f["filename"], []).append(f["code"])
    assert by_file["炸弹.docx"] == ["GL908"]
    assert sorted(by_file["好.docx"]) == ["GL301", "GL605", "GL606"]
    assert httpx.get(server.url + "/healthz", timeout=5).json()["status"] == "ok"


def test_path_traversal_names_stay_in_the_temp_folder(server):
    text = next(SEEDS.glob("004_*.txt")).read_bytes()
    names = ["../../../evil1.txt", "..\\..\\evil2.txt", "/tmp/evil3.txt", "....//evil4.txt"]
    r = _post(server, [("files", (n, text)) for n in names])
    assert r.status_code == 200
    shown = sorted(m["filename"] for m in r.json()["reports"])
    assert shown == ["evil1.txt", "evil2.txt", "evil3.txt", "evil4.txt"]
    assert not [p for p in server.root.parent.rglob("evil*")]  # nowhere, not even outside the tmp folder
    assert not list(Path("/tmp").glob("evil*.txt"))
    assert server.leftovers() == []  # the request folder is gone with its uploads


def _vm_hwm(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def test_twenty_concurrent_uploads_are_all_answered_with_bounded_memory(server, seed_docx):
    def one(i: int) -> tuple[int, list[str]]:
        r = _post(server, [("files", (f"报告{i}.docx", seed_docx))], timeout=180)
        return r.status_code, sorted(f["code"] for f in r.json()["findings"])

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(one, range(20)))
    assert answers == [(200, ["GL301", "GL605", "GL606"])] * 20
    # two workers check at a time: the peak stays far below 20 documents' worth in flight
    peak = _vm_hwm(server.pid)
    print(f"server peak RSS {peak / 1048576:.0f} MB")
    assert peak < 400 * 1024 * 1024
    health = httpx.get(server.url + "/healthz", timeout=5).json()
    assert health["waiting"] == 0
    assert server.leftovers() == []


def test_no_file_and_bad_requests_are_one_sentence_never_a_traceback(server):
    r = httpx.post(server.url + "/api/check", data={"x": "1"}, timeout=10)
    assert r.status_code == 400 and r.json()["error"].startswith("没有收到文件")
    r = httpx.post(server.url + "/api/check", content=b"garbage",
                   headers={"content-type": "multipart/form-data; boundary=zzz"}, timeout=10)
    assert r.status_code == 400 and "Traceback" not in r.text
    assert httpx.get(server.url + "/nothing", timeout=5).status_code == 404
