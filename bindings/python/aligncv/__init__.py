"""AlignCV: résumé parsing, job matching, rewriting and accounts, from Python.

The engine is C++ (``libaligncv``); this package is its Python face::

    import aligncv

    engine = aligncv.Engine("./aligncv-data")
    auth = engine.signup(name="Jane Doe", email="jane@example.com", password="s3cret-pass")
    engine.me(auth["tokens"]["access_token"])

    aligncv.parse_file("resume.pdf")  # no engine needed: text, skills, profile, sections
    aligncv.score(resume_text, job_text)  # no engine needed: the ATS report
    aligncv.rewrite_text(resume_text, style="Technical")  # no engine needed: a local rewrite

Results use the field names of the HTTP API (docs/api-http.md); errors are :class:`aligncv.Error`
subclasses with a stable ``code``.
"""

from aligncv import errors
from aligncv._aligncv import Clock, ManualClock, Options, Principal, SystemClock, format_timestamp
from aligncv._aligncv import __version__
from aligncv.documents import DocumentFile, parse_bytes, parse_file
from aligncv.engine import Engine, Token
from aligncv.errors import *  # noqa: F401,F403  (the exception classes; see errors.__all__)
from aligncv.jobs import demo_jobs, score
from aligncv.rewrite import rewrite_text
from aligncv.server import BackgroundServer, serve

__all__ = [
    "__version__",
    "Engine",
    "Options",
    "Principal",
    "Token",
    "DocumentFile",
    "parse_bytes",
    "parse_file",
    "score",
    "demo_jobs",
    "rewrite_text",
    "Clock",
    "SystemClock",
    "ManualClock",
    "format_timestamp",
    "BackgroundServer",
    "serve",
    "errors",
    *errors.__all__,
]
