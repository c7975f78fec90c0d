"""Rewriting without an engine: the local rewriting engine on a résumé text.

::

    import aligncv

    result = aligncv.rewrite_text(open("resume.txt").read(), style="Management")
    print(result["impact_score"], result["improvements"])

No data folder, database or LLM is used; the result is deterministic and the GIL is released while
the engine works. The rewrite operations on stored documents (rewrite, tailor, cover letter,
LinkedIn, versions) are methods of :class:`aligncv.Engine`.
"""

from __future__ import annotations

from typing import Any, Dict

from aligncv import _aligncv

__all__ = ["rewrite_text", "STYLES"]

#: The rewrite styles, in their canonical casing (matched case-insensitively).
STYLES = ("Technical", "Management", "Creative", "Sales", "Academic", "Executive")


def rewrite_text(text: str, *, style: str = "Technical") -> Dict[str, Any]:
    """Rewrites a résumé text with the local engine, the same result as ``POST /v2/rewrite/``
    without ``version_id`` and ``resume_id``.

    Returns:
        ``{"original_text", "rewritten_text", "diff_html", "improvements", "suggestions",
        "impact_score", "style", "latency", "api_status", "warning"}``; ``api_status`` is
        always ``"local"`` and ``warning`` ``None``.

    Raises:
        ValidationError: an empty text (or one over 100,000 characters), or an unknown style.
        TypeError: an argument is not a ``str``.
    """
    for name, value in (("text", text), ("style", style)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return _aligncv.rewrite_text(text, style)
