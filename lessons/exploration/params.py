"""The Exploration page's URL parameters: the agents beside softmax, the runs, the reward scale, the one
agent's steps and problem, and its annealing schedule."""

from lessons.common.params import Param
from lessons.common.text import number
from lessons.exploration.model import (
    ANNEAL_ENDS,
    ANNEAL_KINDS,
    ANNEAL_LENGTHS,
    EPSILONS,
    MAX_AGENT_STEPS,
    MAX_SEED,
    REWARD_SCALES,
    RUN_COUNTS,
    thousands,
)

EPSILON = Param(
    "bandit_eps", "exploration", "ε of the ε-greedy agent beside softmax: how often it picks a random arm",
    "choice", default=0.1, choices=EPSILONS, format=number,
)  # fmt: skip
RUNS = Param(
    "bandit_runs", "exploration", "how many bandit problems every learning curve averages", "choice",
    default=500, choices=RUN_COUNTS, format=thousands,
)  # fmt: skip
REWARD_SCALE = Param(
    "reward_scale", "exploration", "σ, the spread of the arms' true values and of the reward noise", "choice",
    default=1.0, choices=REWARD_SCALES, format=number,
)  # fmt: skip
AGENT_STEPS = Param(
    "agent_steps", "exploration", "how many steps the single agent has taken", "integer",
    default=0, low=0, high=MAX_AGENT_STEPS,
)  # fmt: skip
AGENT_SEED = Param(
    "agent_seed", "exploration", "the single agent's bandit problem and luck, so a link replays its steps",
    "integer", default=0, low=0, high=MAX_SEED,
)  # fmt: skip
ANNEAL = Param(
    "anneal", "exploration", "whether the agent's temperature falls from T over the steps, and how", "choice",
    default=ANNEAL_KINDS[0], choices=ANNEAL_KINDS,
)  # fmt: skip
ANNEAL_TO = Param(
    "anneal_to", "exploration", "the temperature the annealing schedule ends at", "choice",
    default=0.01, choices=ANNEAL_ENDS, format=number,
)  # fmt: skip
ANNEAL_STEPS = Param(
    "anneal_steps", "exploration", "how many steps the annealing schedule takes to reach its end", "choice",
    default=200, choices=ANNEAL_LENGTHS, format=thousands,
)  # fmt: skip

PARAMS = (EPSILON, RUNS, REWARD_SCALE, AGENT_STEPS, AGENT_SEED, ANNEAL, ANNEAL_TO, ANNEAL_STEPS)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "learning": "the learning curves: softmax beside ε-greedy and greedy",
    "study": "the parameter study: which τ is best, and why it moves with the reward scale",
    "agent": "one agent, step by step, with its annealing schedule",
    "gradient": "the gradient bandit, with and without baseline",
}
