"""Jobs without an engine: the ATS check of a résumé text against a job description, and the
bundled demo catalogue.

::

    import aligncv

    report = aligncv.score(open("resume.txt").read(), job_description)
    print(report["score"], report["missing_skills"])

Neither function needs a data folder or database; both release the GIL while the engine works.
The job operations that use the catalogue (import, match, bookmarks, applications) are methods of
:class:`aligncv.Engine`.
"""

from __future__ import annotations

from typing import Any, Dict, List

from aligncv import _aligncv

__all__ = ["score", "demo_jobs"]


def score(resume_text: str, job_text: str) -> Dict[str, Any]:
    """ATS report of a résumé against a job description, the same report as
    ``POST /v2/jobs/score`` without ``resume_id`` and ``job_id``.

    Returns:
        ``{"score", "matched_skills", "missing_skills", "keyword_coverage", "missing_keywords",
        "section_checks", "suggestions"}``: ``score`` is an integer 0..100 = round(0.5 ×
        required-skill coverage + 0.3 × keyword_coverage + 0.2 × share of passed section
        checks).

    Raises:
        ValidationError: either text is shorter than 50 characters.
        TypeError: an argument is not a ``str``.
    """
    for name, value in (("resume_text", resume_text), ("job_text", job_text)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return _aligncv.score_texts(resume_text, job_text)


def demo_jobs() -> List[Dict[str, Any]]:
    """The bundled demo catalogue (postings built from O*NET occupations, ``source: "demo"``),
    as Job objects with the fields of api-v2.md section 4.1."""
    return _aligncv.demo_jobs()
