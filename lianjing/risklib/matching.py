"""The "3+X" matcher (Chengdu seed): the regulations (the "3") held against a post's duties (the
"X") suggest risk points. For a post it ranks the active risk templates by

    structure  0.35 if the template's key-post kind is one of the post's kinds,
               0.25 if its power category is one of the powers whose flow steps the post handles;
    text       0.25 × TF-IDF cosine of the duties against the template (scaled, capped at 1),
               0.15 × the template's keywords found in the duties, each weighted by how specific
               it is (its IDF: "报销" counts more than "资金"), capped at 1;

and grounds each suggestion in the best provision of each regulation by topic-word overlap with
the template (and, less, with the duties), words weighted by the same IDF. The IDF is the
library's own (the templates are the corpus), which beats a general-purpose one on 岗位职责 text.
Everything is deterministic: equal scores are ordered by template code.

The index of the library is built once per process and rebuilt when the library changes (a
cheap aggregate query compares a signature). A post's suggestions then take a few milliseconds."""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from lianjing.org.models import Post
from lianjing.powers.models import Power
from lianjing.risklib import text
from lianjing.risklib.choices import Regulation
from lianjing.risklib.models import RegulationProvision, RiskTemplate

KIND_WEIGHT = 0.35
CATEGORY_WEIGHT = 0.25
COSINE_WEIGHT = 0.25
HITS_WEIGHT = 0.15
COSINE_FULL = 0.5  # a cosine this high counts fully
HITS_FULL = 12.0  # keywords found in the duties whose IDFs add up to this count fully
MIN_TEXT = 0.05  # a template matched by text alone needs at least this score
GROUNDING_MIN = 2.5  # a shared keyword at least; their IDFs adding up to this ground a suggestion
IN_TEXT_FACTOR = 0.5  # a provision's topic word found in the template's text, not its keywords
DUTIES_FACTOR = 0.25  # … found in the post's duties
REGULATION_ORDER = {value: n for n, value in enumerate(Regulation.values)}


@dataclass(frozen=True)
class Grounding:
    """A provision that grounds a suggestion, and the topic words they share."""

    provision_id: int
    code: str
    regulation: str
    regulation_label: str
    article: str
    title: str
    matched: tuple[str, ...]

    @property
    def citation(self) -> str:
        return f"《{self.regulation_label}》{self.article}"


@dataclass(frozen=True)
class Suggestion:
    """A risk template suggested for a post, with what the register needs to prefill a risk
    point (measures as (kind, text) pairs), the score in [0, 1] and a short reason."""

    template_id: int
    code: str
    title: str
    risk_type: str
    suggested_level: int
    description: str
    manifestations: str
    causes: str
    measures: tuple[tuple[str, str], ...]
    score: float
    reason: str
    matched_keywords: tuple[str, ...]
    by_kind: bool
    by_category: bool
    provisions: tuple[Grounding, ...]


# --- the index of the library --------------------------------------------------------------------


@dataclass
class _Provision:
    id: int
    code: str
    regulation: str
    article: str
    title: str
    keywords: tuple[str, ...]
    order: int


@dataclass
class _Template:
    id: int
    code: str
    kind_id: int | None
    category_id: int | None
    keywords: dict[str, float]  # keyword → IDF, in the template's order
    vector: dict[str, float]
    data: dict[str, Any]
    # (provision, score, shared words) with score >= GROUNDING_MIN, best first
    groundings: list[tuple[_Provision, float, tuple[str, ...]]] = field(default_factory=list)


@dataclass
class _Index:
    signature: tuple[Any, ...]
    idf: dict[str, float]  # of segmented terms, for the cosine
    word_idf: dict[str, float]  # of keywords and topic words, by substring over the templates
    templates: list[_Template]


_lock = threading.Lock()
_index: _Index | None = None


def clear_cache() -> None:
    global _index
    with _lock:
        _index = None


def _signature() -> tuple[Any, ...]:
    def of(model: Any) -> tuple[Any, ...]:
        row = model.objects.aggregate(
            n=Count("id"),
            active=Count("id", filter=Q(is_active=True)),
            top=Max("id"),
            changed=Max("updated_at"),
            versions=Sum("version"),
        )
        return tuple(row[k] for k in ("n", "active", "top", "changed", "versions"))

    return (*of(RiskTemplate), *of(RegulationProvision))


def _index_now() -> _Index:
    global _index
    signature = _signature()
    current = _index
    if current is not None and current.signature == signature:
        return current
    with _lock:
        if _index is None or _index.signature != signature:
            _index = _build(signature)
        return _index


def warm_up() -> None:
    """Load jieba and build the index now (e.g. before timing a request)."""
    _index_now()


def _weighted_terms(template: RiskTemplate) -> dict[str, float]:
    """Term weights of a template: its title counts most, then its keywords."""
    counts: dict[str, float] = defaultdict(float)
    for source, weight in (
        (template.title, 3.0),
        (" ".join(template.keyword_list), 2.0),
        (template.description, 1.0),
        (template.manifestations, 1.0),
        (template.causes, 0.5),
    ):
        for term in text.terms(source):
            counts[term] += weight
    return counts


def _tfidf(counts: Mapping[str, float], idf: dict[str, float]) -> dict[str, float]:
    vector = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items() if c > 0 and t in idf}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _body(template: RiskTemplate) -> str:
    return " ".join(
        (
            template.title,
            " ".join(template.keyword_list),
            template.description,
            template.manifestations,
            template.causes,
        )
    )


def _word_idf(words: set[str], bodies: list[str]) -> dict[str, float]:
    n = len(bodies)
    return {
        word: math.log((n + 1) / (sum(word in body for body in bodies) + 1)) + 1 for word in words
    }


def _build(signature: tuple[Any, ...]) -> _Index:
    templates = list(RiskTemplate.objects.filter(is_active=True).order_by("code"))
    provisions = [
        _Provision(
            p.pk,
            p.code,
            p.regulation,
            p.article,
            p.title,
            tuple(p.keyword_list),
            p.order,
        )
        for p in RegulationProvision.objects.filter(is_active=True).order_by("order", "code")
    ]
    text.add_words(w for t in templates for w in t.keyword_list)
    text.add_words(w for p in provisions for w in p.keywords)
    counts = [_weighted_terms(t) for t in templates]
    df: Counter[str] = Counter(term for c in counts for term in c)
    n = len(templates)
    idf = {term: math.log((n + 1) / (d + 1)) + 1 for term, d in df.items()}
    bodies = [_body(t) for t in templates]
    words = {w for t in templates for w in t.keyword_list} | {
        w for p in provisions for w in p.keywords
    }
    word_idf = _word_idf(words, bodies)
    entries = []
    for template, count, body in zip(templates, counts, bodies, strict=True):
        entry = _Template(
            id=template.pk,
            code=template.code,
            kind_id=template.key_post_kind_id,
            category_id=template.power_category_id,
            keywords={k: word_idf[k] for k in template.keyword_list},
            vector=_tfidf(count, idf),
            data=_template_data(template),
        )
        entry.groundings = _groundings(entry, body, provisions, word_idf)
        entries.append(entry)
    return _Index(signature, idf, word_idf, entries)


def _template_data(template: RiskTemplate) -> dict[str, Any]:
    return {
        "title": template.title,
        "risk_type": template.risk_type,
        "suggested_level": template.suggested_level,
        "description": template.description,
        "manifestations": template.manifestations,
        "causes": template.causes,
        "measures": tuple(
            (str(m.get("kind", "")), str(m.get("text", "")))
            for m in template.measures
            if isinstance(m, dict)
        ),
    }


def _groundings(
    entry: _Template, body: str, provisions: list[_Provision], word_idf: dict[str, float]
) -> list[tuple[_Provision, float, tuple[str, ...]]]:
    """Provisions sharing at least one keyword with the template: a shared keyword counts its
    IDF, a topic word found only in the template's text half of it."""
    found = []
    for provision in provisions:
        shared = tuple(k for k in provision.keywords if k in entry.keywords)
        in_text = tuple(k for k in provision.keywords if k not in entry.keywords and k in body)
        score = sum(word_idf[k] for k in shared) + IN_TEXT_FACTOR * sum(
            word_idf[k] for k in in_text
        )
        if shared and score >= GROUNDING_MIN:
            found.append((provision, score, shared + in_text))
    found.sort(key=lambda f: (-f[1], f[0].order, f[0].code))
    return found


# --- matching -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostFacts:
    """What the matcher knows of a post: duties, key-post kinds and handled power categories
    (id → name, for the reasons)."""

    duties: str
    kinds: dict[int, str]
    categories: dict[int, str]


def post_facts(post: Post) -> PostFacts:
    kinds = dict(post.key_kinds.order_by("id").values_list("id", "name"))
    categories = dict(
        Power.objects.filter(steps__handler_post=post, is_current=True)
        .exclude(status=Power.Status.REVOKED)
        .values_list("category_id", "category__name")
        .distinct()
    )
    return PostFacts(post.duties or "", kinds, categories)


def suggestions_for_post(post: Post, *, limit: int = 20) -> list[Suggestion]:
    """The risk templates suggested for `post`, best first, each with its grounding provisions."""
    return suggest(post_facts(post), limit=limit)


def suggest(facts: PostFacts, *, limit: int = 20) -> list[Suggestion]:
    index = _index_now()
    duties = facts.duties
    vector = _tfidf(Counter(text.terms(duties)), index.idf)
    ranked = []
    for entry in index.templates:
        by_kind = entry.kind_id is not None and entry.kind_id in facts.kinds
        by_category = entry.category_id is not None and entry.category_id in facts.categories
        hits = [k for k in entry.keywords if len(k) > 1 and k in duties]
        cosine = sum(w * entry.vector.get(t, 0.0) for t, w in vector.items())
        textual = COSINE_WEIGHT * min(1.0, cosine / COSINE_FULL) + HITS_WEIGHT * min(
            1.0, sum(entry.keywords[k] for k in hits) / HITS_FULL
        )
        if not (by_kind or by_category or textual >= MIN_TEXT):
            continue
        score = KIND_WEIGHT * by_kind + CATEGORY_WEIGHT * by_category + textual
        # the most specific words first, for the reason
        hits.sort(key=lambda k: -entry.keywords[k])
        # ranked by the score as shown, so that equal scores visibly follow the code
        ranked.append((round(score, 3), entry, by_kind, by_category, tuple(hits)))
    ranked.sort(key=lambda r: (-r[0], r[1].code))
    return [
        _suggestion(entry, score, (by_kind, by_category), hits, vector, facts, index.word_idf)
        for score, entry, by_kind, by_category, hits in ranked[:limit]
    ]


def _shared(vector: dict[str, float], entry: _Template) -> tuple[str, ...]:
    """The duty words that weigh most in the match, for the reason; a word inside a longer one
    shown (公室 in 办公室, from jieba's search mode) is left out."""
    parts = sorted(
        ((w * entry.vector[t], t) for t, w in vector.items() if t in entry.vector),
        key=lambda p: (-p[0], -len(p[1]), p[1]),
    )
    chosen: list[str] = []
    for _weight, term in parts:
        if any(term in c for c in chosen):
            continue
        chosen = [c for c in chosen if c not in term] + [term]
        if len(chosen) == 3:
            break
    return tuple(chosen)


def _suggestion(
    entry: _Template,
    score: float,
    structure: tuple[bool, bool],
    hits: tuple[str, ...],
    vector: dict[str, float],
    facts: PostFacts,
    word_idf: dict[str, float],
) -> Suggestion:
    by_kind, by_category = structure
    shared = _shared(vector, entry)
    return Suggestion(
        template_id=entry.id,
        code=entry.code,
        score=round(score, 3),
        reason=_reason(entry, by_kind, by_category, hits, shared, facts),
        matched_keywords=hits,
        by_kind=by_kind,
        by_category=by_category,
        provisions=_ground(entry, facts.duties, word_idf),
        **entry.data,
    )


def _quoted(words: Iterable[str]) -> str:
    return "".join(f"“{w}”" for w in words)


def _reason(
    entry: _Template,
    by_kind: bool,
    by_category: bool,
    hits: tuple[str, ...],
    shared: tuple[str, ...],
    facts: PostFacts,
) -> str:
    parts = []
    if hits:
        parts.append(_("岗位职责含%(words)s") % {"words": _quoted(hits[:4])})
    elif shared:
        parts.append(_("岗位职责与风险描述相近（%(words)s）") % {"words": _quoted(shared)})
    if by_kind and entry.kind_id is not None:
        parts.append(_("重点岗位：%(name)s") % {"name": facts.kinds[entry.kind_id]})
    if by_category and entry.category_id is not None:
        parts.append(_("经办职权：%(name)s") % {"name": facts.categories[entry.category_id]})
    return _("；").join(parts)


def _ground(entry: _Template, duties: str, word_idf: dict[str, float]) -> tuple[Grounding, ...]:
    """The best provision of each regulation (the "3"), in the order of the regulations; topic
    words found in the duties add a quarter of their IDF."""
    best: dict[str, tuple[float, _Provision, tuple[str, ...]]] = {}
    for provision, base, shared in entry.groundings:
        in_duties = tuple(k for k in provision.keywords if k in duties and k not in shared)
        score = base + DUTIES_FACTOR * sum(word_idf.get(k, 0.0) for k in in_duties)
        held = best.get(provision.regulation)
        if held is None or (-score, provision.order) < (-held[0], held[1].order):
            best[provision.regulation] = (score, provision, shared + in_duties)
    chosen = sorted(best.values(), key=lambda b: REGULATION_ORDER.get(b[1].regulation, 99))
    labels = dict(Regulation.choices)  # in the language of the request, not of the index
    return tuple(
        Grounding(
            p.id, p.code, p.regulation, str(labels.get(p.regulation, "")), p.article, p.title, words
        )
        for _score, p, words in chosen
    )


def groundings_for_template(template: RiskTemplate) -> tuple[Grounding, ...]:
    """The provisions grounding one template (no duties): for the template's page."""
    index = _index_now()
    entry = next((e for e in index.templates if e.id == template.pk), None)
    return _ground(entry, "", index.word_idf) if entry is not None else ()


@dataclass(frozen=True)
class TemplateRef:
    id: int
    code: str
    title: str


def templates_grounded_by(provision: RegulationProvision) -> list[TemplateRef]:
    """The active templates this provision grounds (it is their best of its regulation)."""
    index = _index_now()
    return [
        TemplateRef(entry.id, entry.code, entry.data["title"])
        for entry in index.templates
        if any(g.provision_id == provision.pk for g in _ground(entry, "", index.word_idf))
    ]
