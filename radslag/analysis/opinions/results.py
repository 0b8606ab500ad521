"""What the opinion-group engine returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RepresentativeStatement:
    statement_id: str
    direction: str  # "agree" or "disagree"
    probability: float  # smoothed share of the group voting that way
    probability_rest: float
    z: float  # one-proportion test against 1/2
    z_rest: float  # two-proportion test against the rest
    metric: float


@dataclass(frozen=True)
class OpinionGroup:
    id: int
    participants: list[str]
    representative: list[RepresentativeStatement]


@dataclass(frozen=True)
class ConsensusStatement:
    statement_id: str
    direction: str
    group_informed: float  # product over groups of p(direction)
    probability: float  # overall smoothed share


@dataclass
class OpinionResult:
    groups: list[OpinionGroup]
    consensus: list[ConsensusStatement]
    positions: dict[str, tuple[float, float]]
    meta: dict[str, object] = field(default_factory=dict)

    def group_of(self) -> dict[str, int]:
        return {pid: g.id for g in self.groups for pid in g.participants}
