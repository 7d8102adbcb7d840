"""What a new user meets first: the README's tour and Python snippets do what it says, the
summary counts what the graph holds, and the command line's own examples work."""
import contextlib
import io
import re
import shlex
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from skillgraph import __version__, cli, pipeline

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def tour() -> list[tuple[str, list[str]]]:
    """The README's tour: each `$ command` (a quoted query may run over several lines) and the output shown under it."""
    block = README.split("## A tour\n", 1)[1]
    lines = [line[4:] for line in indented_block(block.splitlines())]
    steps: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps and steps[-1][0].count("'") % 2:  # inside a quoted query
            steps[-1] = (steps[-1][0] + "\n" + line, [])
        elif steps and line:
            steps[-1][1].append(line)
    return steps


def indented_block(lines: list[str]):
    """The indented block at the start of `lines` (blank lines inside it kept)."""
    started = False
    for line in lines:
        if line.startswith("    "):
            started = True
            yield line
        elif line.strip() or not started:
            if started:
                return
        else:
            yield line


def shown(expected: list[str], actual: list[str]) -> bool:
    """Output as the README shows it: line for line, where a `…` line stands for any lines."""
    pattern = "".join(r"(?:.*\n)*?" if line.strip() == "…" else re.escape(line) + r"\n" for line in expected)
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual)) is not None


@pytest.fixture(scope="module")
def tour_folder(tmp_path_factory) -> Path:
    """A fresh folder with the repository's documents, as a new user's checkout has them."""
    folder = tmp_path_factory.mktemp("tour")
    (folder / "data").symlink_to(ROOT / "data")
    return folder


def test_the_readme_tour_prints_what_the_readme_shows(tour_folder: Path):
    steps = tour()
    assert [command.split()[:2] for command, _ in steps] == [[".venv/bin/skillgraph", "build"],
                                                              [".venv/bin/skillgraph", "query"],
                                                              [".venv/bin/skillgraph", "query"]]
    for command, expected in steps:
        argv = shlex.split(command, comments=True)
        result = subprocess.run([str(BIN / "skillgraph"), *argv[1:]], cwd=tour_folder, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        actual = [line.rstrip() for line in result.stdout.splitlines()]
        assert shown([line.rstrip() for line in expected], actual), f"{command}\n" + "\n".join(actual)


def test_the_readme_python_snippets_run_and_print_the_bytes_build_writes(tour_folder: Path, monkeypatch):
    snippets = re.findall(r"```python\n(.*?)```", README, re.S)
    assert len(snippets) == 2
    monkeypatch.chdir(tour_folder)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(snippets[0], {})
    assert "Agency 咸阳市人力资源和社会保障局" in printed.getvalue()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(snippets[1], {})
    subprocess.run([str(BIN / "skillgraph"), "build", "--out", "built"], check=True, capture_output=True)
    assert printed.getvalue() == (tour_folder / "built" / "skillgraph.ttl").read_text(encoding="utf-8") + "\n"


def test_the_build_summary_counts_nodes_not_mentions(tmp_path: Path):
    reply = "关于加强技能培训的答复\n2023年,咸阳市人力资源和社会保障局印发《关于技能的通知》。\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(reply, encoding="utf-8")
    triples, report = pipeline.build_files([tmp_path])
    typed = {(t.subject.value, t.object.value) for t in triples if t.predicate.value.endswith("#type")}
    in_graph = Counter(cls.rsplit("#", 1)[1] for _, cls in typed)
    assert report.nodes["PolicyDocument"] == in_graph["PolicyDocument"] == 1
    assert all(report.nodes[cls] == in_graph[cls] for cls in report.nodes)


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out == f"skillgraph {__version__}\n"


def test_view_open_without_a_display_says_so_and_fails(tmp_path: Path, monkeypatch, capsys, corpus_triples):
    from skillgraph.turtle import to_turtle

    graph = tmp_path / "g.ttl"
    graph.write_text(to_turtle(corpus_triples), encoding="utf-8")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code = cli.main(["view", "--graph", str(graph), "--out", str(tmp_path / "v.html"), "--open"])
    assert code == 2 and (tmp_path / "v.html").exists()
    assert "no display to open a browser on" in capsys.readouterr().err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_curl_example_of_serve_help_answers(corpus_triples, tmp_path: Path):
    from skillgraph.turtle import to_turtle

    graph = tmp_path / "g.ttl"
    graph.write_text(to_turtle(corpus_triples), encoding="utf-8")
    help_text = subprocess.run([str(BIN / "skillgraph"), "serve", "--help"], capture_output=True, text=True).stdout
    curl = next(line.strip() for line in help_text.splitlines() if line.strip().startswith("curl"))
    port = free_port()
    server = subprocess.Popen([str(BIN / "skillgraph"), "serve", "--graph", str(graph), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        argv = shlex.split(curl.replace("7878", str(port)), comments=True)
        for _ in range(100):
            result = subprocess.run(argv, capture_output=True, text=True)
            if result.returncode != 7:  # 7: the server is not listening yet
                break
            time.sleep(0.1)
        assert result.returncode == 0, result.stderr
        assert "true" in result.stdout
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_iri_the_rdf_model_gives_as_an_example_is_in_the_built_graph(corpus_triples):
    """docs/rdf-model.md shows IRIs as the build writes them (`…` and `{…}` are placeholders)."""
    text = (ROOT / "docs" / "rdf-model.md").read_text(encoding="utf-8")
    examples = [iri for iri in re.findall(r"`(id:[^`]+)`", text) if not re.search(r"[{…]", iri)]
    nodes = {t.subject.value for t in corpus_triples}
    assert len(examples) >= 10
    assert [iri for iri in examples if "https://w3id.org/skillgraph/id/" + iri[3:] not in nodes] == []


def test_the_construct_example_of_view_help_draws_connected_nodes(corpus_triples):
    from skillgraph import netgraph, store

    help_text = subprocess.run([str(BIN / "skillgraph"), "view", "--help"], capture_output=True, text=True).stdout
    example = help_text.split("example:\n", 1)[1].strip()
    query = shlex.split(example)[shlex.split(example).index("--query") + 1]
    result = store.run_query(store.store_of(corpus_triples), query)
    network = netgraph.to_networkx(store.to_rdflib(result.triples))
    assert network.number_of_edges() >= network.number_of_nodes() / 2 > 10  # issuers shared by documents, not stars
