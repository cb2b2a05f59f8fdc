"""softmax_core: the numerical heart of Softmax Lab, in pure NumPy.

Softmax and its temperature, computed stably and exactly in the limits: the softmax family
(`functions`), its limits (`limits`), losses (`losses`), the textbook version that overflows
(`naive`), the Boltzmann distribution of statistical physics (`physics`), and reading and writing
the numbers a user types (`parsing`), softmax's alternatives (`alternatives`) and sampling from
it with Gumbel noise and the samplers of text generation, temperature, top-k, top-p and min-p
(`sampling`), softmax action selection on the k-armed bandit (`bandit`), an n-gram text model
(`ngram`), cheaper approximations of a large softmax (`approximations`), knowledge distillation
(`distillation`), a softmax classifier and its trainers (`classifier`), the optimisers they share
(`optimize`) and calibration by temperature scaling (`calibration`).
"""

from .alternatives import NORMALIZERS, entmax15, logistic, normalize, sparsemax
from .approximations import (
    cluster_logsumexp,
    sampled_log_probability,
    two_level_log_probability,
    two_level_log_softmax,
)
from .bandit import Annealing, action_probabilities, agent_trace, testbed
from .calibration import (
    ReliabilityBins,
    brier_score,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
)
from .classifier import (
    OneHiddenLayerNetwork,
    SoftmaxRegression,
    network_objective,
    softmax_regression_objective,
    train_network,
    train_softmax_regression,
)
from .distillation import distillation_grad, distillation_loss
from .functions import log_softmax, logsumexp, smooth_max, softmax, softmax_jacobian, softmax_sweep
from .limits import (
    argmax_onehot,
    argmin_onehot,
    distance_asymptote,
    distance_decay_rate,
    distance_to_limit,
    resolve_beta,
)
from .losses import cross_entropy, cross_entropy_grad, entropy, squared_error, squared_error_grad
from .naive import naive_exponentials, naive_softmax
from .ngram import build_ngram_model, distinct_ngrams, generate, ngram_logits
from .parsing import format_number, parse_beta, parse_logits, parse_temperature
from .physics import (
    boltzmann,
    entropy_envelope,
    free_energy,
    heat_capacity,
    heat_capacity_peak,
    log_partition_function,
    mean_energy,
    partition_function,
    thermal_entropy,
)
from .sampling import (
    TRUNCATION_REASONS,
    Diversity,
    diversity,
    expected_total_variation,
    gumbel_max_sample,
    gumbel_softmax,
    gumbel_top_k,
    sample_tokens,
    sampler_probabilities,
    total_variation,
    truncation_reasons,
)

__all__ = [
    "NORMALIZERS",
    "TRUNCATION_REASONS",
    "Annealing",
    "Diversity",
    "OneHiddenLayerNetwork",
    "ReliabilityBins",
    "SoftmaxRegression",
    "action_probabilities",
    "agent_trace",
    "argmax_onehot",
    "argmin_onehot",
    "boltzmann",
    "brier_score",
    "build_ngram_model",
    "cluster_logsumexp",
    "cross_entropy",
    "cross_entropy_grad",
    "distance_asymptote",
    "distance_decay_rate",
    "distance_to_limit",
    "distillation_grad",
    "distillation_loss",
    "distinct_ngrams",
    "diversity",
    "entmax15",
    "entropy",
    "entropy_envelope",
    "expected_calibration_error",
    "expected_total_variation",
    "fit_temperature",
    "format_number",
    "free_energy",
    "generate",
    "gumbel_max_sample",
    "gumbel_softmax",
    "gumbel_top_k",
    "heat_capacity",
    "heat_capacity_peak",
    "log_partition_function",
    "log_softmax",
    "logistic",
    "logsumexp",
    "mean_energy",
    "naive_exponentials",
    "naive_softmax",
    "negative_log_likelihood",
    "network_objective",
    "ngram_logits",
    "normalize",
    "parse_beta",
    "parse_logits",
    "parse_temperature",
    "partition_function",
    "reliability_bins",
    "resolve_beta",
    "sample_tokens",
    "sampled_log_probability",
    "sampler_probabilities",
    "smooth_max",
    "softmax",
    "softmax_jacobian",
    "softmax_regression_objective",
    "softmax_sweep",
    "sparsemax",
    "squared_error",
    "squared_error_grad",
    "testbed",
    "thermal_entropy",
    "total_variation",
    "train_network",
    "train_softmax_regression",
    "truncation_reasons",
    "two_level_log_probability",
    "two_level_log_softmax",
]
