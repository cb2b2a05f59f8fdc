"""The About page's content: where softmax comes from (with its sources), how to cite the app, its licence
and the data it ships, with theirs. Pure: no Streamlit."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Event:
    """One step in the history: when, who, what it did for softmax, the source, and the page showing it."""

    year: int
    who: str  # short, for the timeline's label
    what: str  # one sentence (Markdown)
    reference: str  # the full reference (Markdown)
    pages: tuple[str, ...]  # stems of the pages that show it live, best first


HISTORY: tuple[Event, ...] = (
    Event(
        1868,
        "Boltzmann",
        "The share of molecules in a state of energy E falls as e^(−E/kT): the same exponential weighting, "
        "normalised over all states, that softmax applies to −E/kT.",
        "L. Boltzmann, “Studien über das Gleichgewicht der lebendigen Kraft zwischen bewegten materiellen "
        "Punkten”, *Sitzungsberichte der Kaiserlichen Akademie der Wissenschaften in Wien* 58, 517–560 "
        "(1868).",
        ("boltzmann",),
    ),
    Event(
        1902,
        "Gibbs",
        "The canonical ensemble: probabilities e^(−E/kT)/Z with the partition function Z, from which free "
        "energy, mean energy and entropy follow, and the temperature as the knob between order and disorder.",
        "J. W. Gibbs, *Elementary Principles in Statistical Mechanics*, Charles Scribner's Sons, New York "
        "(1902).",
        ("boltzmann", "argmax_limit"),
    ),
    Event(
        1959,
        "Luce",
        "The choice axiom: if the odds between two options do not depend on what else is offered, choice "
        "probabilities are v_i / Σ v_j; with v = e^u this is softmax of the utilities u (the multinomial "
        "logit).",
        "R. D. Luce, *Individual Choice Behavior: A Theoretical Analysis*, Wiley, New York (1959).",
        ("alternatives",),
    ),
    Event(
        1989,
        "Bridle: “softmax”",
        "Named the normalised exponential *softmax* (a smooth, differentiable version of the max) and read "
        "a network's outputs through it as class probabilities, trained by the log-likelihood: today's "
        "softmax classifier with the cross-entropy loss.",
        "J. S. Bridle, “Probabilistic interpretation of feedforward classification network outputs, with "
        "relationships to statistical pattern recognition”, in F. Fogelman Soulié and J. Hérault (eds.), "
        "*Neurocomputing*, NATO ASI Series F68, Springer, 227–236 (1990; workshop of 1989). J. S. Bridle, "
        "“Training stochastic model recognition algorithms as networks can lead to maximum mutual "
        "information estimation of parameters”, *Advances in Neural Information Processing Systems 2*, "
        "211–217 (1990).",
        ("classifier", "loss", "playground"),
    ),
    Event(
        2015,
        "Hinton et al.: distillation",
        "A small network learns from a large one's softmax at a high temperature, whose soft targets carry "
        "how the large one ranks the wrong classes too.",
        "G. Hinton, O. Vinyals, J. Dean, “Distilling the knowledge in a neural network”, NIPS Deep Learning "
        "Workshop 2014, [arXiv:1503.02531](https://arxiv.org/abs/1503.02531) (2015).",
        ("distillation", "temperature"),
    ),
    Event(
        2017,
        "Guo et al.: calibration",
        "Modern networks are over-confident; one temperature, fitted on held-out data, makes their "
        "probabilities honest without changing a single prediction (temperature scaling).",
        "C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, “On calibration of modern neural networks”, *ICML "
        "2017*, PMLR 70, 1321–1330, [arXiv:1706.04599](https://arxiv.org/abs/1706.04599).",
        ("calibration", "temperature"),
    ),
    Event(
        2018,
        "Sutton & Barto: exploration",
        "Softmax (Gibbs, Boltzmann) action selection: the temperature τ trades exploring the arms against "
        "exploiting the best-looking one, beside ε-greedy; the gradient bandit learns softmax preferences.",
        "R. S. Sutton, A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed., MIT Press (2018), "
        "[the book's page](http://incompleteideas.net/book/the-book-2nd.html).",
        ("exploration",),
    ),
    Event(
        2020,
        "Holtzman et al.: top-p",
        "Language models generate text by sampling the next token from a softmax at a temperature, "
        "truncated to the most probable tokens: nucleus (top-p) sampling.",
        "A. Holtzman, J. Buys, L. Du, M. Forbes, Y. Choi, “The curious case of neural text degeneration”, "
        "*ICLR 2020*, [arXiv:1904.09751](https://arxiv.org/abs/1904.09751).",
        ("sampling",),
    ),
)


@dataclass(frozen=True)
class DataSource:
    """Data the app ships or reads: what it is, where it comes from, its licence, and who uses it."""

    name: str
    source: str  # Markdown
    licence: str  # Markdown
    pages: tuple[str, ...]


DATA_SOURCES: tuple[DataSource, ...] = (
    DataSource(
        "Next-token distributions of a language model (`data/next-token/out.json`)",
        "Five prompts, each with the probabilities a large language model (run with llama.cpp) gave its top "
        "50–60 next tokens; the `out.json` of [Artefact2/llm-sampling](https://github.com/Artefact2/llm-"
        "sampling) (commit ab99a97, 2024-03-10), unchanged.",
        "Apache License 2.0; its text ships beside the file (`data/next-token/LICENSE-Apache-2.0.txt`).",
        ("sampling",),
    ),
    DataSource(
        "Iris flowers (scikit-learn's `load_iris`)",
        "150 flowers of three species, four measurements each, from R. A. Fisher, “The use of multiple "
        "measurements in taxonomic problems”, *Annals of Eugenics* 7, 179–188 (1936); bundled with "
        "scikit-learn, read from the installed package.",
        "Shipped under scikit-learn's BSD 3-Clause licence; the UCI Machine Learning Repository, which "
        "distributes the original, licenses it under CC BY 4.0.",
        ("classifier",),
    ),
    DataSource(
        "Handwritten digits (scikit-learn's `load_digits`)",
        "1,797 digits of 8 × 8 pixels: the test set of UCI's “Optical Recognition of Handwritten Digits” "
        "(E. Alpaydin, C. Kaynak, 1998); bundled with scikit-learn, read from the installed package.",
        "Shipped under scikit-learn's BSD 3-Clause licence; UCI licenses the original under CC BY 4.0.",
        ("classifier", "distillation", "calibration"),
    ),
    DataSource(
        "The Python documentation (`pydoc_data.topics`)",
        "The prose of the Python documentation that ships with Python itself, the training text of the "
        "n-gram language model.",
        "© Python Software Foundation, under the PSF License Version 2.",
        ("sampling",),
    ),
)


def version(root: Path = ROOT) -> str:
    """The app's version, from pyproject.toml."""
    with (root / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def licence_file(root: Path = ROOT) -> Path | None:
    """The repository's licence file (LICENSE, LICENCE, COPYING, with or without an extension), if any."""
    for path in sorted(root.iterdir()):
        if path.is_file() and path.stem.upper() in ("LICENSE", "LICENCE", "COPYING"):
            return path
    return None


def licence_text(root: Path = ROOT) -> str:
    """What the page says about the app's licence: the file's first line, or that there is none yet."""
    path = licence_file(root)
    if path is None:
        return (
            "The repository does not carry a licence file yet, so no licence has been granted: ask its "
            "maintainers before reusing the code. The data it ships keep their own licences, below."
        )
    first = next((line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()), "")
    return f"See `{path.name}` in the repository: {first}"


def citation(url: str, *, year: int, accessed: str) -> tuple[str, str]:
    """How to cite the app (plain text, BibTeX), with the link to the view being cited, if known."""
    where = url or "the address you opened it at"
    text = (
        f"Softmax Lab contributors, *Softmax Lab: softmax and its temperature, interactively*, version "
        f"{version()}, {year}. {where} (accessed {accessed})."
    )
    bibtex = "\n".join(
        [
            "@software{softmax_lab,",
            "  author = {{Softmax Lab contributors}},",
            "  title = {Softmax Lab: softmax and its temperature, interactively},",
            f"  version = {{{version()}}},",
            f"  year = {{{year}}},",
            *([f"  url = {{{url}}},"] if url else []),
            f"  urldate = {{{accessed}}},",
            "}",
        ]
    )
    return text, bibtex
