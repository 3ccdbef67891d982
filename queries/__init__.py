"""The bundled competency queries: one `NAME.rq` file per question (see CONTRACT in README)."""
from importlib.resources import files

QUERY_DIR = files(__name__)


def bundled() -> dict[str, str]:
    """Query name -> SPARQL text for every bundled `.rq` file."""
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in QUERY_DIR.iterdir() if p.name.endswith(".rq")}
